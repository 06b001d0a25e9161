/** 整改清单: items generated from findings, their status workflow, deadlines, statistics and tables. */
export * from './deadline';
export * from './generate';
export * from './impact';
export * from './merge';
export * from './notice';
export * from './problems';
export * from './schema';
export * from './stats';
export * from './status';
export * from './tables';
export * from './workflow';
