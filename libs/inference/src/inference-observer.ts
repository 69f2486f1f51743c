import type { StageTimings } from './inference.service';

/**
 * Told the stage timings of every photo the engine processed (metrics). Optional: provided by the metrics
 * module when it is loaded; the engine never depends on who listens.
 */
export abstract class InferenceObserver {
  abstract observeStages(timings: StageTimings): void;
  /** A template was made: with both recogniser passes, or (mirrorPass false) on the first alone (ExtractOptions.earlyMatch). */
  abstract observeTemplate(mirrorPass: boolean): void;
  /**
   * A photo came back from a worker thread: `runMs` on the thread, `waitMs` the rest of the time since it was
   * handed to the pool (waiting for a free thread, the two hand-offs between threads, and the event loop's delay
   * in taking the result).
   */
  abstract observePhoto(runMs: number, waitMs: number): void;
}
