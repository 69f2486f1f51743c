import { Module } from '@nestjs/common';
import { AccountsModule } from '@faceauth/accounts';
import { ApiKeysModule } from '@faceauth/api-keys';
import { RegistrationController } from './registration.controller';
import { RegistrationGuard } from './registration.guard';
import { RegistrationLimiter } from './registration-limiter';
import { RegistrationService } from './registration.service';

/** POST /register: an account with its two first keys, limited per client address. */
@Module({
  imports: [AccountsModule, ApiKeysModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationLimiter, RegistrationGuard],
})
export class RegistrationModule {}
