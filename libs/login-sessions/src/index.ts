export * from './entities/login-attempt.entity';
export * from './entities/login-session.entity';
export * from './login-sessions.module';
export * from './liveness';
export * from './login-metrics';
