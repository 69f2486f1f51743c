import type { AttemptOutcome } from './entities/login-attempt.entity';

/** Told of sessions started and attempt outcomes (metrics). Optional: provided by the metrics module when loaded. */
export abstract class LoginMetrics {
  abstract sessionStarted(liveness: string): void;
  abstract attemptFinished(outcome: AttemptOutcome): void;
}
