export * from './schema';
export * from './merge';
export * from './package';
export * from './dashboard';
