import { Injectable } from '@nestjs/common';
import { DailyIncrement, UsageEventsRepository } from './repositories/usage-events.repository';
import { UsageEvent } from './usage-event';
import { utcDay } from './utc-calendar';

/**
 * Writes usage events: one call-log row each and the account's daily counters, in one transaction.
 * Idempotent per event: the call log's unique event id decides whether an event is new, and only new
 * events move the counters, so a retried job or a re-sent batch never counts twice.
 */
@Injectable()
export class UsageRecorder {
  constructor(private readonly events: UsageEventsRepository) {}

  /** Records the events; returns how many were new. */
  record(events: UsageEvent[]): Promise<number> {
    return this.events.transaction(async (tx) => {
      const days = new Map<string, DailyIncrement>();
      for (const event of events) {
        if (!(await tx.insertCallLog(event))) continue;
        const day = utcDay(new Date(event.time));
        const key = `${event.accountId}/${day}`;
        const count = days.get(key) ?? { accountId: event.accountId, day, calls: 0, successes: 0 };
        count.calls += 1;
        count.successes += event.success ? 1 : 0;
        days.set(key, count);
      }
      for (const count of days.values()) await tx.addToDaily(count);
      return [...days.values()].reduce((sum, d) => sum + d.calls, 0);
    });
  }
}
