/** Scoring (DESIGN §3): one pure function per target, a trace for every number, what-if impacts, losses that add up. */
export * from './score';
export * from './what-if';
export * from './allocate';
