export * from './database.health';
export * from './database.module';
export * from './orm-options';
