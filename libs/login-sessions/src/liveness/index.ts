export * from './challenge';
export * from './frame-analysis';
export * from './liveness-decision';
