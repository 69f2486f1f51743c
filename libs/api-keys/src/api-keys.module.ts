import { Module } from '@nestjs/common';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

@Module({
  controllers: [KeysController],
  providers: [ApiKeysService, ApiKeysRepository, KeysService],
  exports: [ApiKeysService, KeysService],
})
export class ApiKeysModule {}
