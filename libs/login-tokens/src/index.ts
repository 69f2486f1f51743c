export * from './entities/signing-key.entity';
export * from './login-token.service';
export * from './login-token.types';
export * from './login-tokens.module';
export { RotationResult, SigningKeysService, SigningSecretMismatchError } from './signing-keys.service';
