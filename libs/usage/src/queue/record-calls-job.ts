import { createHash } from 'node:crypto';
import { UsageEvent } from '../usage-event';

/** The payload of a `record-calls` job: the events one flush of the producer's buffer handed over. */
export interface RecordCallsJob {
  events: UsageEvent[];
}

/**
 * The job id of a batch: the same events in the same order give the same id, so Bull ignores a batch added
 * again after an add that timed out but landed; a batch that differs by one event is another job.
 */
export function batchJobId(events: readonly UsageEvent[]): string {
  const hash = createHash('sha256');
  for (const event of events) hash.update(event.eventId).update('\n');
  return `calls:${hash.digest('hex').slice(0, 32)}`;
}
