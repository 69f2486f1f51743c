import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppConfig } from '@faceauth/config';
import { AuthenticatedRequest, MonthlyLimitError, RateLimitError } from '@faceauth/common';
import { planLimits } from '../plan-limits';
import { QuotaService } from '../quota/quota.service';
import { CountedEndpoint } from '../usage.constants';
import { secondsUntilNextMonth } from '../utc-calendar';
import { UsageMeter } from './usage-meter.service';

/**
 * The limits of a counted call, called by the request pipeline once the caller is authenticated: the
 * per-minute limit of the key's plan (@nestjs/throttler, tracked per key), then the account's monthly
 * quota. Once the quota is taken the call counts, whatever happens next (a bad body, no face): every
 * step that refuses a call without counting it (authentication, back-pressure, these two limits) comes first.
 * Extends ThrottlerGuard for its rate-limit headers and storage; it is not registered as a guard.
 */
@Injectable()
export class UsageLimiter extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly config: AppConfig,
    private readonly quota: QuotaService,
    private readonly meter: UsageMeter,
  ) {
    super(options, storage, reflector);
  }

  /** Takes one call of the rate limit and of the monthly quota, or throws RATE_LIMIT / MONTHLY_LIMIT. */
  async take(context: ExecutionContext, endpoint: CountedEndpoint): Promise<void> {
    await super.canActivate(context);
    await this.charge(context, endpoint);
  }

  /** Takes one call of the monthly quota only, or throws MONTHLY_LIMIT; from then on the call is metered. */
  async charge(context: ExecutionContext, endpoint: CountedEndpoint): Promise<void> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { auth } = req;
    const limit = planLimits(this.config, auth.plan).perMonth;
    const takenAt = new Date();
    if ((await this.quota.take(auth.accountId, limit, takenAt)) === null) {
      throw new MonthlyLimitError(secondsUntilNextMonth(takenAt), limit!);
    }
    this.meter.begin(req, context.switchToHttp().getResponse<Response>(), endpoint, auth, takenAt);
  }

  /** Takes one call of the per-minute limit only (routes that are limited but not counted). */
  async throttle(context: ExecutionContext): Promise<void> {
    await super.canActivate(context);
  }

  /** Limits are per API key, not per IP. */
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return `key-${(req as AuthenticatedRequest).auth.keyId}`;
  }

  /** One counter per key across every counted route (the default key is per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', detail.limit);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', retryAfter);
    throw new RateLimitError(retryAfter, detail.limit);
  }
}

/** The per-minute limit of the caller's plan: the throttler's `limit`, resolved per request. */
export function perMinuteLimit(config: AppConfig): (context: ExecutionContext) => number {
  return (context) => planLimits(config, context.switchToHttp().getRequest<Request & AuthenticatedRequest>().auth.plan).perMinute;
}
