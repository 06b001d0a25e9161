export * from './schema';
export * from './merge';
