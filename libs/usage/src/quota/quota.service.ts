import { Injectable } from '@nestjs/common';
import { UsageQuotaRepository } from '../repositories/usage-quota.repository';
import { utcMonth } from '../utc-calendar';

/**
 * The monthly quota: one counter per account and UTC month in the database, so every API process shares it.
 * A take is one conditional increment, exact under any concurrency on both SQLite and PostgreSQL; a refused
 * take changes nothing, so a call refused by MONTHLY_LIMIT has nothing to give back; a call refused after its
 * take (by a later guard) is given back.
 */
@Injectable()
export class QuotaService {
  constructor(private readonly quotas: UsageQuotaRepository) {}

  /** Takes one call; returns the calls used this month including it, or null when the limit is reached. */
  take(accountId: number, limit: number | null, now = new Date()): Promise<number | null> {
    return this.quotas.incrementBelow(accountId, utcMonth(now), limit);
  }

  /** Gives back a call taken at `takenAt` (same month) that was refused before it was processed. */
  giveBack(accountId: number, takenAt: Date): Promise<void> {
    return this.quotas.decrement(accountId, utcMonth(takenAt));
  }
}
