import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@faceauth/config';

/**
 * The Redis connection of the rate limiter (null without REDIS_URL). Commands fail fast while Redis is
 * away (no offline queue, short timeout) so a request never waits on it; the storage falls back instead.
 */
@Injectable()
export class RateLimitRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('rate-limit');
  readonly client: Redis | null;

  constructor(config: AppConfig) {
    this.client = config.redisUrl
      ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 })
      : null;
    this.client?.on('error', (error) => this.logger.debug({ msg: 'redis error', error: error.message }));
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }
}
