/** 复核: agreement between a first grade and a blind second one, and the sample of findings drawn for review. */
export * from './grades';
export * from './kappa';
export * from './report';
export * from './record';
export * from './return';
export * from './sample';
export * from './schema';
export * from './table';
export * from './text';
export { mulberry32, seedFromId } from './prng';
