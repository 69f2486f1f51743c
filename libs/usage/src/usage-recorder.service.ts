import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { UsageEvent } from './usage-event';
import { utcDay } from './utc-calendar';

interface DayCount {
  accountId: number;
  day: string;
  calls: number;
  successes: number;
}

/**
 * Writes usage events: one call-log row each and the account's daily counters, in one transaction.
 * Idempotent per event: the call log's unique event id decides whether an event is new, and only new
 * events move the counters, so a retried job or a re-sent batch never counts twice.
 */
@Injectable()
export class UsageRecorder {
  constructor(private readonly em: EntityManager) {}

  /** Records the events; returns how many were new. */
  async record(events: UsageEvent[]): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const tx = em.getTransactionContext();
      const platform = em.getPlatform();
      const days = new Map<string, DayCount>();
      for (const event of events) {
        const at = new Date(event.time);
        const inserted = await connection.execute<{ affectedRows: number }>(
          `insert into usage_call_logs
             (event_id, request_id, account_id, key_id, endpoint, status_code, success, error_code, latency_ms, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (event_id) do nothing`,
          [
            event.eventId,
            event.requestId,
            event.accountId,
            event.keyId,
            event.endpoint,
            event.statusCode,
            event.success,
            event.errorCode,
            event.latencyMs,
            platform.processDateProperty(at),
          ],
          'run',
          tx,
        );
        if (inserted.affectedRows !== 1) continue;
        const day = utcDay(at);
        const key = `${event.accountId}/${day}`;
        const count = days.get(key) ?? { accountId: event.accountId, day, calls: 0, successes: 0 };
        count.calls += 1;
        count.successes += event.success ? 1 : 0;
        days.set(key, count);
      }
      for (const { accountId, day, calls, successes } of days.values()) {
        await connection.execute(
          `insert into usage_daily (account_id, day, calls, successes) values (?, ?, ?, ?)
           on conflict (account_id, day) do update
           set calls = usage_daily.calls + excluded.calls, successes = usage_daily.successes + excluded.successes`,
          [accountId, day, calls, successes],
          'run',
          tx,
        );
      }
      return [...days.values()].reduce((sum, d) => sum + d.calls, 0);
    });
  }
}
