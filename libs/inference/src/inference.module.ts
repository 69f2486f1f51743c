import { ModelsHealth } from '@faceauth/common';
import { Module } from '@nestjs/common';
import { InferenceService } from './inference.service';

/** The face engine. Needs AppConfig (the global ConfigModule); also answers ModelsHealth for /health. */
@Module({
  providers: [InferenceService, { provide: ModelsHealth, useExisting: InferenceService }],
  exports: [InferenceService, ModelsHealth],
})
export class InferenceModule {}
