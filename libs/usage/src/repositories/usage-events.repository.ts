import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { UsageEvent } from '../usage-event';

/** Calls and successes to add to one account's counters of one UTC day (YYYY-MM-DD). */
export interface DailyIncrement {
  accountId: number;
  day: string;
  calls: number;
  successes: number;
}

/** The writes of one recording transaction. */
export class UsageEventsTransaction {
  constructor(private readonly em: EntityManager) {}

  /** Inserts the event's call-log row; false when a row with its event id exists (already recorded). */
  async insertCallLog(event: UsageEvent): Promise<boolean> {
    const { affectedRows } = await this.em.getConnection().execute<{ affectedRows: number }>(
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
        this.em.getPlatform().processDateProperty(new Date(event.time)),
      ],
      'run',
      this.em.getTransactionContext(),
    );
    return affectedRows === 1;
  }

  async addToDaily({ accountId, day, calls, successes }: DailyIncrement): Promise<void> {
    await this.em.getConnection().execute(
      `insert into usage_daily (account_id, day, calls, successes) values (?, ?, ?, ?)
       on conflict (account_id, day) do update
       set calls = usage_daily.calls + excluded.calls, successes = usage_daily.successes + excluded.successes`,
      [accountId, day, calls, successes],
      'run',
      this.em.getTransactionContext(),
    );
  }
}

/** The call log (`usage_call_logs`) and the daily aggregates (`usage_daily`), written together. */
@Injectable()
export class UsageEventsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `work` in one transaction on a forked EntityManager: all of its writes commit, or none. */
  transaction<T>(work: (tx: UsageEventsTransaction) => Promise<T>): Promise<T> {
    return this.em.fork().transactional((em) => work(new UsageEventsTransaction(em)));
  }
}
