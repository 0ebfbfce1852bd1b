export * from './errors';
export * from './health';
export * from './identity';
export * from './pagination';
export * from './telemetry';
