/** Scoring (DESIGN §3): one pure function per target, a trace for every number, what-if impacts. */
export * from './score';
export * from './what-if';
