export * from './api-key.crypto';
export * from './api-keys.module';
export * from './api-keys.service';
export * from './entities/api-key.entity';
export * from './keys.service';
export * from './dto/keys.dto';
export * from './session-credentials';
