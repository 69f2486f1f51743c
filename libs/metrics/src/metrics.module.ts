import { Global, Module } from '@nestjs/common';
import { InferenceObserver } from '@faceauth/inference';
import { LoginMetrics } from '@faceauth/login-sessions';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics at GET /metrics. Global: it observes the inference engine and the login sessions
 * through the observer classes those libraries declare (they do not depend on this one).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, { provide: InferenceObserver, useExisting: MetricsService }, { provide: LoginMetrics, useExisting: MetricsService }],
  exports: [MetricsService, InferenceObserver, LoginMetrics],
})
export class MetricsModule {}
