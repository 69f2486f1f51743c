export * from './entities/enroll-session.entity';
export * from './enroll-sessions.module';
export * from './enroll-steps';
