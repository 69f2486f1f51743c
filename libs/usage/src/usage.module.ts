import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeysModule } from '@faceauth/api-keys';
import { AppConfig } from '@faceauth/config';
import { FixedWindowThrottlerStorage } from './rate-limit/fixed-window.storage';
import { perMinuteLimit, UsageLimiter } from './metering/usage-limiter';
import { UsageMeter } from './metering/usage-meter.service';
import { BullUsageQueue } from './queue/bull-usage.queue';
import { InProcessUsageQueue } from './queue/in-process-usage.queue';
import { UsageQueue } from './queue/usage-queue';
import { UsageProcessor } from './queue/usage.processor';
import { QuotaService } from './quota/quota.service';
import { RateLimitRedis } from './rate-limit/rate-limit-redis';
import { redisPrefix } from './rate-limit/redis-prefix';
import { RedisThrottlerStorage } from './rate-limit/redis-throttler.storage';
import { UsageRedisHealth } from './rate-limit/usage-redis.health';
import { RedisHealth } from '@faceauth/common';
import { USAGE_REPOSITORIES } from './repositories';
import { UsageReportService } from './report/usage-report.service';
import { UsageRetention } from './retention/usage-retention.service';
import { UsageController } from './usage.controller';
import { USAGE_QUEUE } from './usage.constants';
import { UsageRecorder } from './usage-recorder.service';

/** Holds the rate limiter's Redis connection so the throttler options can be built from it. */
@Module({ providers: [RateLimitRedis, { provide: RedisHealth, useClass: UsageRedisHealth }], exports: [RateLimitRedis, RedisHealth] })
class RateLimitRedisModule {}

const throttler = ThrottlerModule.forRootAsync({
  imports: [RateLimitRedisModule],
  inject: [AppConfig, RateLimitRedis],
  useFactory: (config: AppConfig, redis: RateLimitRedis) => ({
    throttlers: [{ name: 'default', ttl: config.rateLimitWindowMs, limit: perMinuteLimit(config) }],
    storage: redis.client ? new RedisThrottlerStorage(redis.client, redisPrefix(config)) : new FixedWindowThrottlerStorage(),
  }),
});

const bullQueue = BullModule.registerQueueAsync({
  name: USAGE_QUEUE,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    url: config.redisUrl!,
    prefix: `${redisPrefix(config)}:bull`,
    defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 },
    // Jobs take milliseconds and are idempotent: a job stranded in `active` when Redis died mid-fetch is
    // requeued within seconds (default: up to a minute), and may be requeued more than once.
    settings: { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 10 },
  }),
});

/**
 * Usage metering: `@Metered()` routes (rate limit, monthly quota, usage events), the usage pipeline and
 * GET /usage. Global so that the request pipeline reaches the limiter from any feature module.
 * `redis` picks the queue adapter: Bull on Redis, or in-process.
 */
@Global()
@Module({})
export class UsageModule {
  static forRoot({ redis }: { redis: boolean }): DynamicModule {
    const queue: Provider[] = redis
      ? [{ provide: UsageQueue, useClass: BullUsageQueue }, UsageProcessor]
      : [{ provide: UsageQueue, useClass: InProcessUsageQueue }];
    return {
      module: UsageModule,
      imports: [throttler, ApiKeysModule, RateLimitRedisModule, ...(redis ? [bullQueue] : [])],
      controllers: [UsageController],
      providers: [...queue, ...USAGE_REPOSITORIES, UsageRecorder, UsageRetention, QuotaService, UsageMeter, UsageLimiter, UsageReportService],
      // UsageLimiter: what the request pipeline applies to @Metered() routes.
      // RedisHealth (of RateLimitRedisModule): only when Redis is configured, so /health checks it then.
      exports: [UsageQueue, QuotaService, UsageLimiter, UsageRecorder, UsageRetention, ...(redis ? [RateLimitRedisModule] : [])],
    };
  }
}
