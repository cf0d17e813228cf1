/** Deterministic Chinese demo-data content: pure data and small pure helpers, no database access. */
export * from './names';
export * from './phones';
export * from './products';
export * from './random';
export * from './regions';
export * from './staff';
export * from './tickets';
