import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '@faceauth/api-keys';
import { RequestPipelineGuard } from './request-pipeline.guard';

/** Installs the request pipeline as the one global guard (see RequestPipelineGuard for the order). */
@Module({
  imports: [ApiKeysModule],
  providers: [{ provide: APP_GUARD, useClass: RequestPipelineGuard }],
})
export class PipelineModule {}
