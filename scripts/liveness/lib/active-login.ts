// An active-liveness login as the guided widget runs it, over any HTTP client: the e2e suites drive it through
// supertest (test/login/login-support.ts), the API benchmark through fetch (scripts/bench/login-bench.ts).
import { readFileSync } from 'node:fs';

/** Photos of one person facing the camera and at the end of each challenge movement. */
export interface PosedPerson {
  facing: string;
  peak: Record<string, string>;
}

/**
 * CelebA id07372: yaw +30 / -34 and pitch +33 degrees from the frontal photo (scripts' head pose); enrolled from
 * `enroll`. `path` resolves a file of the shared data sets (the tests' datasetPath, the benchmark's data folder).
 */
export function posedA(path: (...parts: string[]) => string): PosedPerson & { enroll: string[] } {
  const photo = (file: string) => path('celeba_dev', 'id07372', file);
  return {
    facing: photo('029198.jpg'),
    peak: { turn_left: photo('159575.jpg'), turn_right: photo('054553.jpg'), look_up: photo('144504.jpg') },
    enroll: ['037528.jpg', '147433.jpg', '034840.jpg'].map(photo),
  };
}

/** The moment the person takes before each step: more than the decision's 400 ms (minStepMs), so never "too fast". */
export const STEP_PAUSE_MS = 450;

/** What a login needs of the API, authorized by the session's client secret; each rejects unless it answered 200. */
export interface ActiveLoginClient<T> {
  /** GET /login-sessions/{id}/challenge: the steps' movements. */
  challenge(): Promise<{ steps: Array<{ movement: string }> }>;
  /** POST /login-sessions/{id}/frames: one step's frames, frame0 first. */
  postFrames(step: number, frames: Buffer[]): PromiseLike<unknown>;
  /** POST /login-sessions/{id}/attempts without files. */
  attempt(): PromiseLike<T>;
}

/** A step's frames as the widget captures them: facing at the prompt, then turned, then turned (the peak twice). */
export function stepFrames(who: PosedPerson, movement: string): string[] {
  return [who.facing, who.peak[movement], who.peak[movement]];
}

/**
 * For each step of the session's challenge, a moment for the person, then the step's frames; then the attempt.
 * Resolves with the attempt's answer.
 */
export async function performActiveLogin<T>(client: ActiveLoginClient<T>, who: PosedPerson, read: (file: string) => Buffer = readFileSync): Promise<T> {
  const { steps } = await client.challenge();
  for (const [i, step] of steps.entries()) {
    await new Promise((resolve) => setTimeout(resolve, STEP_PAUSE_MS));
    await client.postFrames(i, stepFrames(who, step.movement).map((file) => read(file)));
  }
  return client.attempt();
}
