export * from './auth';
export * from './common';
export * from './customers';
export * from './errors';
export * from './phone';
export * from './products';
export * from './tickets';
export * from './users';
