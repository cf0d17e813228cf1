export * from './agreements';
export * from './audit';
export * from './customers';
export * from './products';
export * from './tenants';
export * from './tickets';
export * from './workspace';
export * from './links';
