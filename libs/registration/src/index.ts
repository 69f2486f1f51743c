export * from './registration.module';
export * from './entities/registration-state.entity';
export * from './registration-switch';
export * from './registration-switch.module';
