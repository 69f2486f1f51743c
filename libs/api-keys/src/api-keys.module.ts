import { Module } from '@nestjs/common';
import { AccountsModule } from '@faceauth/accounts';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

@Module({
  imports: [AccountsModule],
  controllers: [KeysController],
  providers: [ApiKeysService, ApiKeysRepository, KeysService],
  exports: [ApiKeysService, KeysService],
})
export class ApiKeysModule {}
