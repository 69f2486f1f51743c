export * from './accounts.module';
export * from './accounts.service';
export * from './entities/account.entity';
export * from './normalize-email';
