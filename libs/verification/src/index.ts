export * from './verification.module';
