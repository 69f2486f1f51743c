export * from './metrics.controller';
export * from './metrics.middleware';
export * from './metrics.module';
export * from './metrics.service';
