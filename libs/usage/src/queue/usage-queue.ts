import { UsageEvent } from '../usage-event';

/**
 * The producer side of the usage pipeline. Two adapters: Bull on Redis (REDIS_URL set) and in-process
 * (the embedded default); both hand events to the same UsageRecorder. `add` never blocks or throws: an
 * event that cannot be delivered yet waits in a local buffer.
 */
export abstract class UsageQueue {
  abstract add(event: UsageEvent): void;
  /** Events accepted but not yet handed to the queue (or, in-process, not yet recorded). */
  abstract pending(): number;
  /** Seconds the oldest of those has waited (0 when none): how far the usage records lag behind. */
  abstract lagSeconds(): number;
  /**
   * Resolves once the events accepted so far are recorded, where this process records them (in-process);
   * with Bull they are recorded by the queue's processors, and this resolves at once.
   */
  abstract settle(): Promise<void>;
}
