import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { ApiKey, hashApiKey, looksLikeApiKey } from '@faceauth/api-keys';
import { AuthContext, NotFoundError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { CallLogDto, UsageResponseDto } from '../dto/usage-response.dto';
import { planLimits } from '../plan-limits';
import { lastUtcDays, utcMonth } from '../utc-calendar';

const DAYS = 30;
const RECENT = 20;

interface Totals {
  total: number | string;
  successes: number | string;
  monthly: number | string;
}

interface DayRow {
  day: string;
  calls: number | string;
}

interface LogRow {
  endpoint: string;
  status_code: number;
  success: boolean | number;
  error_code: string | null;
  latency_ms: number;
  created_at: Date | number | string;
}

/**
 * GET /usage: counts come from the daily aggregates (at most one row per account and day), the recent
 * calls from the newest 20 rows of the call log by index, never from a scan of the log.
 */
@Injectable()
export class UsageReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async report(auth: AuthContext, now = new Date()): Promise<UsageResponseDto> {
    const connection = this.em.getConnection();
    const days = lastUtcDays(now, DAYS);
    // The call log is read after the counts: a call the counts include was committed (log row and aggregate in one
    // transaction) before they were read, so the log read after them shows it too. Read side by side, on two
    // pooled connections, a report could count a call it does not list.
    const [totals, daily, enrolled] = await Promise.all([
      connection.execute<Totals>(
        `select coalesce(sum(calls), 0) as total, coalesce(sum(successes), 0) as successes,
                coalesce(sum(case when day >= ? then calls else 0 end), 0) as monthly
         from usage_daily where account_id = ?`,
        [`${utcMonth(now)}-01`, auth.accountId],
        'get',
      ),
      connection.execute<DayRow[]>(
        'select day, calls from usage_daily where account_id = ? and day >= ?',
        [auth.accountId, days[0]],
      ),
      connection.execute<{ n: number | string }>('select count(*) as n from enrolled_users where account_id = ?', [auth.accountId], 'get'),
    ]);
    const recent = await connection.execute<LogRow[]>(
      `select endpoint, status_code, success, error_code, latency_ms, created_at from usage_call_logs
       where account_id = ? order by created_at desc, id desc limit ${RECENT}`,
      [auth.accountId],
    );
    const total = Number(totals.total);
    const callsByDay = new Map<string, number>(daily.map((row: DayRow) => [row.day, Number(row.calls)]));
    return {
      success: true,
      user: { plan: auth.plan, api_key: auth.maskedKey },
      usage: {
        monthly_calls: Number(totals.monthly),
        monthly_limit: planLimits(this.config, auth.plan).perMonth ?? null,
        total_calls: total,
        success_rate: total ? Math.round((Number(totals.successes) / total) * 1000) / 10 : 0,
        enrolled_faces: Number(enrolled.n),
      },
      daily_usage: days.map((day) => ({ day, calls: callsByDay.get(day) ?? 0 })),
      recent_logs: recent.map(toCallLog),
    };
  }

  /** GET /usage/{api_key}: the path key must be a live key of the caller's own account. */
  async reportForKey(auth: AuthContext, apiKey: string): Promise<UsageResponseDto> {
    const key = looksLikeApiKey(apiKey)
      ? await this.em.fork().findOne(ApiKey, { keyHash: hashApiKey(apiKey), account: auth.accountId, revokedAt: null })
      : null;
    if (!key) throw new NotFoundError('No such API key on your account');
    return this.report({ ...auth, keyId: key.id, maskedKey: key.masked });
  }
}

function toCallLog(row: LogRow): CallLogDto {
  return {
    endpoint: row.endpoint,
    status_code: Number(row.status_code),
    success: Boolean(row.success),
    error_code: row.error_code,
    latency_ms: Number(row.latency_ms),
    created_at: new Date(typeof row.created_at === 'string' && /^\d+$/.test(row.created_at) ? Number(row.created_at) : row.created_at).toISOString(),
  };
}
