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

export const METERED_ENDPOINT = 'faceauth:metered-endpoint';

/**
 * Route guard of counted calls, after the global API key guard: the per-minute limit of the key's plan
 * (@nestjs/throttler, tracked per API key), then the monthly quota of the account, taken before the call
 * is processed. A call refused by the first never touches the second.
 */
@Injectable()
export class MeteringGuard extends ThrottlerGuard {
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

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { auth } = req;
    const limit = planLimits(this.config, auth.plan).perMonth;
    const takenAt = new Date();
    if ((await this.quota.take(auth.accountId, limit, takenAt)) === null) {
      throw new MonthlyLimitError(secondsUntilNextMonth(takenAt), limit!);
    }
    const endpoint = this.reflector.get<CountedEndpoint>(METERED_ENDPOINT, context.getHandler());
    this.meter.begin(req, context.switchToHttp().getResponse<Response>(), endpoint, auth, takenAt);
    return true;
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
