import { randomInt } from 'node:crypto';

export const MOVEMENTS = ['turn_left', 'turn_right', 'look_up'] as const;
export type Movement = (typeof MOVEMENTS)[number];

export interface ChallengeStep {
  movement: Movement;
  /** Frames the client sends for this step (POST /login-sessions/{id}/frames, `step` = its index). */
  frames: number;
  /**
   * Milliseconds the step's frames may take to arrive: the first step's from when the challenge was
   * issued (it includes starting the camera), each later step's from the previous step's arrival.
   */
  window_ms: number;
}

/** The challenge as the client sees it (the server keeps the same object, plus when it was issued). */
export interface LivenessChallenge {
  steps: ChallengeStep[];
  /** The file fields of a frames request, in capture order: frame0 .. frame{frames-1}. */
  frame_fields: string[];
  /** Most frames one frames request may carry. */
  max_frames: number;
  /** ISO time the windows count from. */
  issued_at: string;
}

/** The challenge's shape at the shipped settings (see docs/liveness.md). */
export const CHALLENGE_SHAPE = {
  steps: 2,
  framesPerStep: 3,
  maxFramesPerStep: 6,
  firstWindowMs: 30_000,
  stepWindowMs: 10_000,
} as const;

/**
 * A fresh challenge: `steps` different movements in an order drawn from the CSPRNG (crypto.randomInt).
 * The movements of one challenge differ, so a sequence captured for one order fails another.
 */
export function drawChallenge(issuedAt: Date, random: (max: number) => number = randomInt): LivenessChallenge {
  const pool: Movement[] = [...MOVEMENTS];
  const steps: ChallengeStep[] = [];
  for (let i = 0; i < CHALLENGE_SHAPE.steps; i++) {
    const [movement] = pool.splice(random(pool.length), 1);
    steps.push({ movement, frames: CHALLENGE_SHAPE.framesPerStep, window_ms: i === 0 ? CHALLENGE_SHAPE.firstWindowMs : CHALLENGE_SHAPE.stepWindowMs });
  }
  return {
    steps,
    frame_fields: Array.from({ length: CHALLENGE_SHAPE.framesPerStep }, (_, i) => `frame${i}`),
    max_frames: CHALLENGE_SHAPE.maxFramesPerStep,
    issued_at: issuedAt.toISOString(),
  };
}
