import { cosineSimilarity, eyeCentreDistance, homographyResidual } from '@faceauth/inference';
import { LivenessChallenge, Movement } from './challenge';
import { embeddingOf, FrameAnalysis, FRONTAL_YAW_DEG } from './frame-analysis';

/** A stored frame: its analysis and the challenge step it was sent for. */
export interface StepFrame extends FrameAnalysis {
  step: number;
}

export interface LivenessCheck {
  name: string;
  passed: boolean;
  /** Why it failed, fit to show to the person. */
  reason?: string;
}

export interface LivenessDecision {
  passed: boolean;
  checks: LivenessCheck[];
  /** Index (in the frames given) of the most frontal usable frame: the one matched with the enrolled user. */
  frontal: number | null;
}

/** The thresholds of the decision; LIVENESS_SETTINGS are the shipped ones, measured by npm run eval:liveness. */
export interface LivenessSettings {
  /** Degrees the head must turn left or right from the most frontal frame. */
  minTurnDeg: number;
  /** Degrees the head must tilt up from the most frontal frame. */
  minLookUpDeg: number;
  /** The most frontal frame may be turned at most this much (someone must have faced the camera). */
  maxFrontalYawDeg: number;
  /** Largest pose change between two consecutive frames: a path, not a swap. */
  maxJumpDeg: number;
  /** Below this homography residual (eye distances) two views of the face are one flat picture. */
  minPlanarResidual: number;
  /** Least cosine of every other frame with the most frontal frame (or, failing that, minEnrolledCosine with one of the enrolled user's samples). */
  minSameCosine: number;
  /** Least cosine with an enrolled sample that lets a frame far from the frontal one count as the user. */
  minEnrolledCosine: number;
  /** Two frames whose points differ by less than this (mean, eye distances) are one picture. */
  identicalPoints: number;
  /** A step's frames arriving sooner than this after the step before (or the challenge) were not performed live. */
  minStepMs: number;
}

export const LIVENESS_SETTINGS: LivenessSettings = {
  minTurnDeg: 15,
  minLookUpDeg: 10,
  maxFrontalYawDeg: FRONTAL_YAW_DEG,
  maxJumpDeg: 60,
  minPlanarResidual: 0.06,
  minSameCosine: 0.25,
  minEnrolledCosine: 0.3,
  identicalPoints: 0.002,
  minStepMs: 400,
};

export const LIVENESS_MESSAGES = {
  incomplete: 'Not every step of the check was captured. Follow each prompt until it is done.',
  no_face: "We couldn't see your face in every picture. Keep your face inside the oval.",
  multiple_faces: 'More than one face was in view. Make sure only you are in front of the camera.',
  too_slow: 'That took too long. Follow each prompt as soon as it appears.',
  too_fast: 'That was too fast to be a person moving. Follow each prompt as it appears.',
  not_frontal: 'Start by looking straight at the camera.',
  turn_left: "We couldn't see you turn your head to the left. Turn it slowly a little further.",
  turn_right: "We couldn't see you turn your head to the right. Turn it slowly a little further.",
  look_up: "We couldn't see you look up. Tilt your head back slowly a little further.",
  jumpy: 'The pictures jumped around. Move your head slowly and keep it inside the oval.',
  flat: 'This looked like a photo or a screen rather than a person. Use your camera in front of your face.',
  same_person: 'The pictures did not all show the same person.',
} as const;

/** What the movement of `frame` is, in degrees, from `base` (positive = the asked direction). */
export function movementAmount(movement: Movement, frame: FrameAnalysis, base: FrameAnalysis): number {
  if (movement === 'turn_left') return frame.yaw! - base.yaw!;
  if (movement === 'turn_right') return base.yaw! - frame.yaw!;
  return frame.pitch! - base.pitch!;
}

/** The other axis at the same frame: a turn must not be mostly a nod, nor a nod mostly a turn. */
export function offAxisAmount(movement: Movement, frame: FrameAnalysis, base: FrameAnalysis): number {
  return movement === 'look_up' ? Math.abs(frame.yaw! - base.yaw!) : Math.abs(frame.pitch! - base.pitch!);
}

/** The pose change between two frames, in degrees: the larger of yaw and pitch (what continuous_path bounds). */
export function poseChange(a: FrameAnalysis, b: FrameAnalysis): number {
  return Math.max(Math.abs(a.yaw! - b.yaw!), Math.abs(a.pitch! - b.pitch!));
}

function meanPointDistance(a: StepFrame, b: StepFrame): number {
  const pa = a.points!;
  const pb = b.points!;
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.hypot(pa[i].x - pb[i].x, pa[i].y - pb[i].y);
  return sum / pa.length / eyeCentreDistance(pb);
}

/**
 * The active-liveness decision from the frames of one challenge (ordered by arrival). Every check is
 * listed, failed ones with a reason for the person; it passes when all pass. Frames that repeat an earlier
 * one (same bytes, or the same landmarks to within `identicalPoints`) count once: a still picture sent
 * again is no movement. `enrolled` are the user's sample embeddings: a turned frame far from the frontal one
 * (photos of another day) may show its person through them instead.
 */
export function decideLiveness(
  challenge: LivenessChallenge,
  frames: StepFrame[],
  settings: LivenessSettings = LIVENESS_SETTINGS,
  enrolled: Float32Array[] = [],
): LivenessDecision {
  const checks: LivenessCheck[] = [];
  const add = (name: string, passed: boolean, reason?: string) => {
    checks.push(passed ? { name, passed } : { name, passed, reason });
    return passed;
  };
  const done = (frontal: number | null = null): LivenessDecision => ({ passed: checks.every((c) => c.passed), checks, frontal });
  const steps = challenge.steps;

  const complete = steps.every((s, i) => frames.filter((f) => f.step === i).length >= s.frames);
  if (!add('complete', complete, LIVENESS_MESSAGES.incomplete)) return done();

  const noFace = frames.some((f) => f.faces === 0 || !f.points);
  const several = frames.some((f) => f.faces > 1);
  if (!add('one_face', !noFace && !several, several ? LIVENESS_MESSAGES.multiple_faces : LIVENESS_MESSAGES.no_face)) return done();

  const pace = stepPace(challenge, frames, settings);
  add('in_time', pace === 'ok', pace === 'fast' ? LIVENESS_MESSAGES.too_fast : LIVENESS_MESSAGES.too_slow);

  // One picture sent twice is one frame.
  const distinct: StepFrame[] = [];
  for (const f of frames) {
    const repeat = distinct.some((d) => (f.digest !== '' && d.digest === f.digest) || meanPointDistance(d, f) < settings.identicalPoints);
    if (!repeat) distinct.push(f);
  }

  const base = distinct.reduce((best, f) => (Math.abs(f.yaw!) < Math.abs(best.yaw!) ? f : best));
  const frontal = frames.indexOf(base);
  add('frontal', Math.abs(base.yaw!) <= settings.maxFrontalYawDeg, LIVENESS_MESSAGES.not_frontal);

  const peaks: StepFrame[] = [];
  steps.forEach((step, i) => {
    const own = distinct.filter((f) => f.step === i && f !== base);
    const min = step.movement === 'look_up' ? settings.minLookUpDeg : settings.minTurnDeg;
    const peak = own.length ? own.reduce((best, f) => (movementAmount(step.movement, f, base) > movementAmount(step.movement, best, base) ? f : best)) : null;
    const reached = peak !== null && movementAmount(step.movement, peak, base) >= min && offAxisAmount(step.movement, peak, base) < movementAmount(step.movement, peak, base);
    // Turning the other way during a turn step is not following the prompt.
    const opposite = step.movement !== 'look_up' && own.some((f) => -movementAmount(step.movement, f, base) >= settings.minTurnDeg);
    if (add(`movement_${i + 1}`, reached && !opposite, LIVENESS_MESSAGES[step.movement]) && peak) peaks.push(peak);
  });

  // Over every frame in time order: a picture held still between two moves is part of the path.
  add('continuous_path', isContinuous(frames, settings), LIVENESS_MESSAGES.jumpy);

  // A flat picture moved in front of the camera maps the frontal view onto every other by one homography.
  if (peaks.length === steps.length) {
    const residuals = peaks.map((p) => homographyResidual(base.points!, p.points!));
    add('not_flat', Math.min(...residuals) >= settings.minPlanarResidual, LIVENESS_MESSAGES.flat);
  } else {
    add('not_flat', false, LIVENESS_MESSAGES.flat);
  }

  // Each frame shows the person of the frontal frame, or the enrolled user: a second person doing the
  // movements behind a photo of the user is far from both.
  const reference = embeddingOf(base)!;
  const enrolledNear = (e: Float32Array) => enrolled.some((sample) => cosineSimilarity(e, sample) >= settings.minEnrolledCosine);
  // The enrolled samples vouch for a frame only when the frontal frame is the user's too: otherwise a second
  // person's frames, consistent among themselves, would carry one photo of the user.
  const anchored = enrolledNear(reference);
  const same = distinct.filter((f) => f !== base).every((f) => {
    const e = embeddingOf(f)!;
    return cosineSimilarity(e, reference) >= settings.minSameCosine || (anchored && enrolledNear(e));
  });
  add('same_person', same, LIVENESS_MESSAGES.same_person);
  return done(frontal);
}

/**
 * Step 1 within its window of the issue time, each later step within its window of the step before ('slow'
 * otherwise); and none sooner than minStepMs after its predecessor ('fast': replayed or scripted frames).
 */
function stepPace(challenge: LivenessChallenge, frames: StepFrame[], settings: LivenessSettings): 'ok' | 'slow' | 'fast' {
  let clock = Date.parse(challenge.issued_at);
  let pace: 'ok' | 'slow' | 'fast' = 'ok';
  challenge.steps.forEach((step, i) => {
    const last = Math.max(...frames.filter((f) => f.step === i).map((f) => f.arrivedAt));
    if (last - clock > step.window_ms) pace = 'slow';
    else if (last - clock < settings.minStepMs && pace === 'ok') pace = 'fast';
    clock = last;
  });
  return pace;
}

/**
 * No jump larger than maxJumpDeg between consecutive frames of one step. Between steps the person faces the
 * camera again (the widget waits for it) and nothing is captured meanwhile: that return is not a jump.
 */
function isContinuous(frames: StepFrame[], settings: LivenessSettings): boolean {
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1];
    const b = frames[i];
    if (a.step !== b.step) continue;
    if (poseChange(a, b) > settings.maxJumpDeg) return false;
  }
  return true;
}
