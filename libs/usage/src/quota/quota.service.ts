import { Injectable } from '@nestjs/common';
import { UsageQuotaRepository } from '../repositories/usage-quota.repository';
import { utcMonth } from '../utc-calendar';

/**
 * The monthly quota: one counter per account and UTC month in the database, so every API process shares it.
 * A take is one conditional increment, exact under any concurrency on both SQLite and PostgreSQL; a refused
 * take changes nothing. Nothing after the take refuses a call without counting it (the request pipeline takes
 * the quota last), so there is nothing to give back.
 */
@Injectable()
export class QuotaService {
  constructor(private readonly quotas: UsageQuotaRepository) {}

  /** Takes one call; returns the calls used this month including it, or null when the limit is reached. */
  take(accountId: number, limit: number | null, now = new Date()): Promise<number | null> {
    return this.quotas.incrementBelow(accountId, utcMonth(now), limit);
  }
}
