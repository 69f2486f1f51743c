import type { StageTimings } from './inference.service';

/**
 * Told the stage timings of every photo the engine processed (metrics). Optional: provided by the metrics
 * module when it is loaded; the engine never depends on who listens.
 */
export abstract class InferenceObserver {
  abstract observeStages(timings: StageTimings): void;
}
