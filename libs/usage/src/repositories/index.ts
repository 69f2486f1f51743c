import { UsageEventsRepository } from './usage-events.repository';
import { UsageQuotaRepository } from './usage-quota.repository';
import { UsageReportRepository } from './usage-report.repository';
import { UsageRetentionRepository } from './usage-retention.repository';

export * from './usage-events.repository';
export * from './usage-quota.repository';
export * from './usage-report.repository';
export * from './usage-retention.repository';

/** Every repository of the usage feature: the providers the usage services need beside the database. */
export const USAGE_REPOSITORIES = [UsageQuotaRepository, UsageEventsRepository, UsageReportRepository, UsageRetentionRepository];
