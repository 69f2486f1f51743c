import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@faceauth/api-keys/api-keys.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { RegistrationGuard } from './registration/registration.guard';
import { RegistrationLimiter } from './registration/registration-limiter';

@Module({
  imports: [ApiKeysModule],
  controllers: [AccountsController],
  providers: [AccountsService, RegistrationLimiter, RegistrationGuard],
  exports: [AccountsService],
})
export class AccountsModule {}
