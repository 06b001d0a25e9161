/** Frameworks (指标体系): the schema, its checks, JSON files, edits, version diffs and moves. The Excel/CSV indicator sheet is its own sub-feature, `framework/sheet`, loaded only when a sheet is read or written. */
export * from './check';
export * from './diff';
export * from './edit';
export * from './json';
export * from './move';
export * from './paths';
export * from './schema';
export * from './search';
export * from './stats';
