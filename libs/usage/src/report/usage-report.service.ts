import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '@faceauth/api-keys';
import { AuthContext, NotFoundError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { CallLogDto, UsageResponseDto } from '../dto/usage-response.dto';
import { planLimits } from '../plan-limits';
import { UsageQueue } from '../queue/usage-queue';
import { CallLogRow, UsageReportRepository } from '../repositories/usage-report.repository';
import { lastUtcDays, utcMonth } from '../utc-calendar';

const DAYS = 30;
const RECENT = 20;

/**
 * GET /usage: counts come from the daily aggregates (at most one row per account and day), the recent
 * calls from the newest 20 rows of the call log by index, never from a scan of the log.
 */
@Injectable()
export class UsageReportService {
  constructor(
    private readonly reports: UsageReportRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly config: AppConfig,
    private readonly queue: UsageQueue,
  ) {}

  async report(auth: AuthContext, now = new Date()): Promise<UsageResponseDto> {
    const days = lastUtcDays(now, DAYS);
    // In-process, the calls this process answered are recorded first (they wait usage.recordDelayMs otherwise).
    await this.queue.settle();
    // The call log is read after the counts: a call the counts include was committed (log row and aggregate in one
    // transaction) before they were read, so the log read after them shows it too. Read side by side, on two
    // pooled connections, a report could count a call it does not list.
    const [totals, callsByDay, enrolled] = await Promise.all([
      this.reports.totals(auth.accountId, `${utcMonth(now)}-01`),
      this.reports.dailyCalls(auth.accountId, days[0]),
      this.reports.countEnrolledUsers(auth.accountId),
    ]);
    const recent = await this.reports.recentCalls(auth.accountId, RECENT);
    return {
      success: true,
      user: { plan: auth.plan, api_key: auth.maskedKey },
      usage: {
        monthly_calls: totals.monthly,
        monthly_limit: planLimits(this.config, auth.plan).perMonth ?? null,
        total_calls: totals.total,
        success_rate: totals.total ? Math.round((totals.successes / totals.total) * 1000) / 10 : 0,
        enrolled_faces: enrolled,
      },
      daily_usage: days.map((day) => ({ day, calls: callsByDay.get(day) ?? 0 })),
      recent_logs: recent.map(toCallLog),
    };
  }

  /** GET /usage/{api_key}: the path key must be a live key of the caller's own account. */
  async reportForKey(auth: AuthContext, apiKey: string): Promise<UsageResponseDto> {
    const key = await this.apiKeys.findLiveKey(auth.accountId, apiKey);
    if (!key) throw new NotFoundError('No such API key on your account');
    return this.report({ ...auth, keyId: key.id, maskedKey: key.masked });
  }
}

function toCallLog(row: CallLogRow): CallLogDto {
  return {
    endpoint: row.endpoint,
    status_code: row.statusCode,
    success: row.success,
    error_code: row.errorCode,
    latency_ms: row.latencyMs,
    created_at: row.createdAt.toISOString(),
  };
}
