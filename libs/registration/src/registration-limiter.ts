import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, redisPrefix } from '@faceauth/config';

export interface WindowHit {
  /** Hits of this address in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
}

/** INCR, and on the first hit of a window PEXPIRE: one round trip, atomic across processes. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** Beyond this many addresses in memory, windows that have ended are swept. */
const SWEEP_ABOVE = 10_000;

/**
 * Fixed-window counter of POST /register attempts per client address: in Redis when REDIS_URL is set (several
 * API processes share one count), else in this process. While Redis is away, the process counts on its own
 * rather than letting every registration through or refusing them all.
 */
@Injectable()
export class RegistrationLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('registration');
  private readonly redis: Redis | null;
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private readonly windowMs: number;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.windowMs = config.registration.windowMs;
    this.prefix = `${redisPrefix(config)}:register:`;
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 })
      : null;
    this.redis?.on('error', (error) => this.logger.debug({ msg: 'redis error', error_code: (error as NodeJS.ErrnoException).code ?? null }));
  }

  async hit(address: string): Promise<WindowHit> {
    if (this.redis) {
      try {
        const [count, resetInMs] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + address, this.windowMs)) as [number, number];
        return { count, resetInMs };
      } catch (error) {
        this.logger.warn({ msg: 'registration limit counted in-process: Redis unavailable', error_code: (error as NodeJS.ErrnoException).code ?? null });
      }
    }
    return this.hitLocal(address, Date.now());
  }

  private hitLocal(address: string, now: number): WindowHit {
    if (this.local.size > SWEEP_ABOVE) for (const [key, window] of this.local) if (window.resetAt <= now) this.local.delete(key);
    let window = this.local.get(address);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.local.set(address, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
