export * from './pipeline.module';
