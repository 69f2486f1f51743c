import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** An account's counts over the daily aggregates. */
export interface UsageTotals {
  total: number;
  successes: number;
  /** Calls on days from `monthStart` on. */
  monthly: number;
}

/** One call-log row, with the drivers' representations (numeric strings, 0/1 booleans, epoch times) resolved. */
export interface CallLogRow {
  endpoint: string;
  statusCode: number;
  success: boolean;
  errorCode: string | null;
  latencyMs: number;
  createdAt: Date;
}

interface DayRow {
  day: string;
  calls: number | string;
}

interface RawCallLog {
  endpoint: string;
  status_code: number | string;
  success: boolean | number;
  error_code: string | null;
  latency_ms: number | string;
  created_at: Date | number | string;
}

/** The reads of GET /usage, all scoped to one account. */
@Injectable()
export class UsageReportRepository {
  constructor(private readonly em: EntityManager) {}

  async totals(accountId: number, monthStart: string): Promise<UsageTotals> {
    const row = await this.em.getConnection().execute<{ total: number | string; successes: number | string; monthly: number | string }>(
      `select coalesce(sum(calls), 0) as total, coalesce(sum(successes), 0) as successes,
              coalesce(sum(case when day >= ? then calls else 0 end), 0) as monthly
       from usage_daily where account_id = ?`,
      [monthStart, accountId],
      'get',
    );
    return { total: Number(row.total), successes: Number(row.successes), monthly: Number(row.monthly) };
  }

  /** Calls per UTC day from `fromDay` (YYYY-MM-DD) on; days without calls are absent. */
  async dailyCalls(accountId: number, fromDay: string): Promise<Map<string, number>> {
    const rows = await this.em
      .getConnection()
      .execute<DayRow[]>('select day, calls from usage_daily where account_id = ? and day >= ?', [accountId, fromDay]);
    return new Map(rows.map((row: DayRow) => [row.day, Number(row.calls)]));
  }

  /** The newest `limit` calls, newest first, read by the (account, created_at, id) index. */
  async recentCalls(accountId: number, limit: number): Promise<CallLogRow[]> {
    const rows = await this.em.getConnection().execute<RawCallLog[]>(
      `select endpoint, status_code, success, error_code, latency_ms, created_at from usage_call_logs
       where account_id = ? order by created_at desc, id desc limit ${Number(limit)}`,
      [accountId],
    );
    return rows.map((row: RawCallLog) => toCallLogRow(row));
  }

  /**
   * Allowed exception to "a feature reads only its own tables" (also listed in eslint.config.mjs, rule
   * faceauth/own-tables): a read-only count of enrollment's table. Enrollment depends on usage (`@Metered`),
   * so asking EnrolledFacesService would make usage import enrollment: a cycle. One indexed count per GET /usage.
   */
  async countEnrolledUsers(accountId: number): Promise<number> {
    const row = await this.em
      .getConnection()
      .execute<{ n: number | string }>('select count(*) as n from enrolled_users where account_id = ?', [accountId], 'get');
    return Number(row.n);
  }
}

function toCallLogRow(row: RawCallLog): CallLogRow {
  const createdAt = typeof row.created_at === 'string' && /^\d+$/.test(row.created_at) ? Number(row.created_at) : row.created_at;
  return {
    endpoint: row.endpoint,
    statusCode: Number(row.status_code),
    success: Boolean(row.success),
    errorCode: row.error_code,
    latencyMs: Number(row.latency_ms),
    createdAt: new Date(createdAt),
  };
}
