import { Module } from '@nestjs/common';
import { JwksController } from './jwks.controller';
import { LoginTokenService } from './login-token.service';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeysService } from './signing-keys.service';

/** Signed login tokens: the signing keys (created at first start, rotated by the CLI), issue/verify and the JWKS. */
@Module({
  controllers: [JwksController],
  providers: [SigningKeyRepository, SigningKeysService, LoginTokenService],
  exports: [LoginTokenService, SigningKeysService],
})
export class LoginTokensModule {}
