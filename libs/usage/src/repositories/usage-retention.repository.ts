import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** Deletion of old call-log rows. */
@Injectable()
export class UsageRetentionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Deletes at most `batch` call-log rows created before `cutoff`; returns how many went. */
  async deleteCallLogsBefore(cutoff: Date, batch: number): Promise<number> {
    const { affectedRows } = await this.em.getConnection().execute<{ affectedRows: number }>(
      `delete from usage_call_logs where id in (select id from usage_call_logs where created_at < ? limit ${Number(batch)})`,
      [this.em.getPlatform().processDateProperty(cutoff)],
      'run',
    );
    return affectedRows;
  }
}
