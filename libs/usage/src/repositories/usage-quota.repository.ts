import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** The `usage_quotas` counters: one row per account and UTC month. */
@Injectable()
export class UsageQuotaRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Adds one to the month's counter unless it already holds `limit` (null: no limit), in one conditional
   * upsert whose row lock makes it exact under any concurrency; returns the new count, or null when refused.
   */
  async incrementBelow(accountId: number, month: string, limit: number | null): Promise<number | null> {
    const guard = limit === null ? '' : ' where usage_quotas.used < ?';
    const rows = await this.em.getConnection().execute<{ used: number | string }[]>(
      `insert into usage_quotas (account_id, month, used) values (?, ?, 1)
       on conflict (account_id, month) do update set used = usage_quotas.used + 1${guard}
       returning used`,
      limit === null ? [accountId, month] : [accountId, month, limit],
    );
    return rows.length ? Number(rows[0].used) : null;
  }
}
