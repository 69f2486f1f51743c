import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { utcMonth } from '../utc-calendar';

/**
 * The monthly quota: one counter per account and UTC month in the database, so every API process shares it.
 * A call is taken by one conditional upsert (`... do update ... where used < limit returning used`): the
 * row lock makes it exact under any concurrency on both SQLite and PostgreSQL, and a refused take changes
 * nothing, so a call refused by MONTHLY_LIMIT has nothing to give back; a call refused after its take
 * (by a later guard) is given back.
 */
@Injectable()
export class QuotaService {
  constructor(private readonly em: EntityManager) {}

  /** Takes one call; returns the calls used this month including it, or null when the limit is reached. */
  async take(accountId: number, limit: number | null, now = new Date()): Promise<number | null> {
    const guard = limit === null ? '' : ' where usage_quotas.used < ?';
    const rows = await this.em.getConnection().execute<{ used: number }[]>(
      `insert into usage_quotas (account_id, month, used) values (?, ?, 1)
       on conflict (account_id, month) do update set used = usage_quotas.used + 1${guard}
       returning used`,
      limit === null ? [accountId, utcMonth(now)] : [accountId, utcMonth(now), limit],
    );
    return rows.length ? Number(rows[0].used) : null;
  }

  /** Gives back a call taken at `takenAt` (same month) that was refused before it was processed. */
  async giveBack(accountId: number, takenAt: Date): Promise<void> {
    await this.em.getConnection().execute(
      'update usage_quotas set used = used - 1 where account_id = ? and month = ? and used > 0',
      [accountId, utcMonth(takenAt)],
      'run',
    );
  }
}
