/** Results: rankings, pass-rate bands, heatmap, problems by indicator, progress, reports and their tables. */
export * from './assessor';
export * from './band-tone';
export * from './bands';
export * from './heatmap';
export * from './losses';
export * from './notice';
export * from './problems';
export * from './progress';
export * from './ranking';
export * from './report';
export * from './sort';
export * from './tables';
export * from './types';
