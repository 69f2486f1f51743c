import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';

const BATCH = 5000;

/** Deletes call-log rows older than the retention period; the daily aggregates stay, so totals do not change. */
@Injectable()
export class UsageRetention {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many rows were removed. Deletes in batches so no single statement holds the table long. */
  async prune(now = new Date()): Promise<number> {
    const connection = this.em.getConnection();
    const cutoff = this.em.getPlatform().processDateProperty(new Date(now.getTime() - this.config.usage.retentionDays * 86_400_000));
    let removed = 0;
    for (;;) {
      const { affectedRows } = await connection.execute<{ affectedRows: number }>(
        `delete from usage_call_logs where id in (select id from usage_call_logs where created_at < ? limit ${BATCH})`,
        [cutoff],
        'run',
      );
      removed += affectedRows;
      if (affectedRows < BATCH) return removed;
    }
  }
}
