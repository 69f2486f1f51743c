import { Injectable } from '@nestjs/common';
import { RedisHealth } from '@faceauth/common';
import { RateLimitRedis } from './rate-limit-redis';

/** Redis is usable when the rate limiter's connection answers a PING (it fails fast: no offline queue, 500 ms timeout). */
@Injectable()
export class UsageRedisHealth extends RedisHealth {
  constructor(private readonly redis: RateLimitRedis) {
    super();
  }

  async check(): Promise<'ok' | 'unreachable'> {
    const client = this.redis.client;
    if (!client || client.status !== 'ready') return 'unreachable';
    try {
      await client.ping();
      return 'ok';
    } catch {
      return 'unreachable';
    }
  }
}
