import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';

/** Developer accounts. Registration (an account with its first keys) is in @faceauth/registration. */
@Module({
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
