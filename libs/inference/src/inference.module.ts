import { ModelsHealth } from '@faceauth/common';
import { Global, Module } from '@nestjs/common';
import { InferenceService } from './inference.service';

/**
 * The face engine. Needs AppConfig (the global ConfigModule); also answers ModelsHealth for /health.
 * Global so that /health (which must not depend on this library) sees ModelsHealth.
 */
@Global()
@Module({
  providers: [InferenceService, { provide: ModelsHealth, useExisting: InferenceService }],
  exports: [InferenceService, ModelsHealth],
})
export class InferenceModule {}
