export * from './client';
export * from './lock';
export * as schema from './schema/index';
export * from './sequences';
