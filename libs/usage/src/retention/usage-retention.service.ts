import { Injectable } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { UsageRetentionRepository } from '../repositories/usage-retention.repository';

const BATCH = 5000;
const DAY_MS = 86_400_000;

/** Deletes call-log rows older than the retention period; the daily aggregates stay, so totals do not change. */
@Injectable()
export class UsageRetention {
  constructor(
    private readonly retention: UsageRetentionRepository,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many rows were removed. Deletes in batches so no single statement holds the table long. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.usage.retentionDays * DAY_MS);
    let removed = 0;
    for (;;) {
      const deleted = await this.retention.deleteCallLogsBefore(cutoff, BATCH);
      removed += deleted;
      if (deleted < BATCH) return removed;
    }
  }
}
