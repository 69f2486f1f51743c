import { InferenceBusyError } from '@faceauth/common';
import type { InferenceTicket } from './inference.service';
import { JobStats } from './job-stats';

/**
 * The bound of the inference queue, counted in requests: at most `limit` hold a ticket at once. Counting is
 * synchronous, so of limit + 1 concurrent callers exactly one is refused.
 */
export class AdmissionGate {
  private held = 0;

  constructor(
    readonly limit: number,
    private readonly stats: JobStats,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`admission limit must be a positive integer, got ${limit}`);
  }

  /** Requests holding a ticket now. */
  get admitted(): number {
    return this.held;
  }

  /** Throws InferenceBusyError when `limit` requests already hold a ticket. */
  admit(): InferenceTicket {
    if (this.held >= this.limit) throw new InferenceBusyError(this.stats.secondsToClear(this.held));
    this.held++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held--;
      },
    };
  }

  /** The 503 a caller gets when the pool itself has no room left (its safety net above this bound). */
  busyError(): InferenceBusyError {
    return new InferenceBusyError(this.stats.secondsToClear(this.held));
  }
}
