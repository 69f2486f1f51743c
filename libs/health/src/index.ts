export * from './health.module';
export { PROBE_ROUTES } from './health.controller';
