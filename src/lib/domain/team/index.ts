export * from './schema';
export * from './merge';
export * from './preview';
export * from './package';
export * from './dashboard';
