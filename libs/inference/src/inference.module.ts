import { ModelsHealth } from '@faceauth/common';
import { Global, Module } from '@nestjs/common';
import { InferenceService } from './inference.service';
import { PooledInferenceService } from './worker/pooled-inference.service';

/**
 * The face engine. Needs AppConfig (the global ConfigModule); also answers ModelsHealth for /health.
 * Global so that /health (which must not depend on this library) sees ModelsHealth. The application gets the
 * pooled service: the models run on worker threads, off the event loop.
 */
@Global()
@Module({
  providers: [{ provide: InferenceService, useClass: PooledInferenceService }, { provide: ModelsHealth, useExisting: InferenceService }],
  exports: [InferenceService, ModelsHealth],
})
export class InferenceModule {}
