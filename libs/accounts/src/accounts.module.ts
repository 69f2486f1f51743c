import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@faceauth/api-keys/api-keys.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

@Module({
  imports: [ApiKeysModule],
  controllers: [AccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
