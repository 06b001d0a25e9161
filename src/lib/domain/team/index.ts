export * from './schema';
export * from './package';
