import { Module } from '@nestjs/common';
import { AccountsModule } from '@faceauth/accounts';
import { ApiKeysModule } from '@faceauth/api-keys';
import { RegistrationController } from './registration.controller';
import { RegistrationGuard } from './registration.guard';
import { RegistrationLimiter } from './registration-limiter';
import { RegistrationService } from './registration.service';
import { RegistrationSwitchModule } from './registration-switch.module';

/** POST /register: an account with its two first keys, limited per client address, while registration is open. */
@Module({
  imports: [AccountsModule, ApiKeysModule, RegistrationSwitchModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationLimiter, RegistrationGuard],
})
export class RegistrationModule {}
