import { applyHomography, headPose } from '@faceauth/inference';
import { project, syntheticHead } from '../../../../test/support/synthetic-head';
import { drawChallenge, LivenessChallenge, Movement } from './challenge';
import { decideLiveness, StepFrame } from './liveness-decision';

const ISSUED = Date.parse('2026-12-01T09:00:00Z');
const head = syntheticHead();
const flat = syntheticHead(true);

function embedding(person: number, noise = 0): string {
  const e = new Float32Array(512);
  e[person] = 1;
  e[100 + person] = noise;
  return Buffer.from(e.buffer).toString('base64');
}

let counter = 0;
function frame(step: number, points: { x: number; y: number }[], options: { person?: number; at?: number; faces?: number } = {}): StepFrame {
  const pose = headPose(points);
  return {
    step,
    faces: options.faces ?? 1,
    arrivedAt: options.at ?? ISSUED + 3000 * (step + 1),
    points,
    yaw: pose.yaw,
    pitch: pose.pitch,
    roll: pose.roll,
    eyeDistance: 120,
    embedding: embedding(options.person ?? 0, (counter++ % 7) / 50),
    digest: `d${counter}`,
  };
}

const challengeOf = (movements: Movement[]): LivenessChallenge => ({
  steps: movements.map((movement, i) => ({ movement, frames: 3, window_ms: i === 0 ? 30_000 : 10_000 })),
  frame_fields: ['frame0', 'frame1', 'frame2'],
  max_frames: 6,
  issued_at: new Date(ISSUED).toISOString(),
});

/** A head performing `movement`: frontal, half-way, all the way (degrees of the pose). */
const target: Record<Movement, [number, number]> = { turn_left: [30, 0], turn_right: [-30, 0], look_up: [0, 20] };
function performs(step: number, movement: Movement, options: { person?: number; at?: number } = {}): StepFrame[] {
  const [yaw, pitch] = target[movement];
  return [0, 0.5, 1].map((t) => frame(step, project(head, yaw * t, pitch * t), options));
}

const failed = (d: ReturnType<typeof decideLiveness>) => d.checks.filter((c) => !c.passed).map((c) => c.name);

describe(decideLiveness.name, () => {
  it('passes a 3-D head that turns left, then looks up, in time, with every check listed', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left'), ...performs(1, 'look_up')]);
    expect(failed(d)).toEqual([]);
    expect(d.passed).toBe(true);
    expect(d.checks.map((c) => c.name)).toEqual(['complete', 'one_face', 'in_time', 'frontal', 'movement_1', 'movement_2', 'continuous_path', 'not_flat', 'same_person']);
    expect(d.frontal).toBe(0);
  });

  it('refuses the movements in the wrong order', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'look_up'), ...performs(1, 'turn_left')]);
    expect(d.passed).toBe(false);
    expect(failed(d)).toEqual(expect.arrayContaining(['movement_1', 'movement_2']));
  });

  it('refuses a turn the other way', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'turn_right']), [...performs(0, 'turn_right'), ...performs(1, 'turn_left')]);
    expect(failed(d)).toEqual(expect.arrayContaining(['movement_1', 'movement_2']));
  });

  it('refuses a flat picture turned and tilted in front of the camera as not_flat', () => {
    // The picture of a frontal face, seen turned and tilted like the prompts (a plane under any view is one homography of another).
    const steps = (step: number, yaw: number, pitch: number) => [0, 0.5, 1].map((t) => frame(step, project(flat, yaw * t, pitch * t)));
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...steps(0, 30, 0), ...steps(1, 0, 25)]);
    expect(d.passed).toBe(false);
    expect(failed(d)).toContain('not_flat');
  });

  it('refuses a picture moved under perspective homographies', () => {
    const base = project(head, 0, 0);
    const warps = [
      [1, 0, 0, 0, 1, 0, 0, 0, 1],
      [0.9, 0.02, 30, -0.05, 1, 4, 0.0008, 0, 1],
      [0.8, 0.05, 60, -0.1, 1.05, 8, 0.0015, 0.0002, 1],
    ];
    const frames = [0, 1].flatMap((step) => warps.map((h) => frame(step, base.map((p) => applyHomography(h, p)))));
    expect(decideLiveness(challengeOf(['turn_left', 'turn_right']), frames).passed).toBe(false);
  });

  it('counts identical frames as no movement', () => {
    const still = frame(0, project(head, 0, 0));
    const frames = [0, 1].flatMap((step) => [0, 1, 2].map(() => ({ ...still, step, digest: 'same' })));
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), frames);
    expect(failed(d)).toEqual(expect.arrayContaining(['movement_1', 'movement_2', 'not_flat']));
  });

  it('refuses frames that arrive after their window as too slow', () => {
    const late = ISSUED + 30_000 + 1;
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left', { at: late }), ...performs(1, 'look_up', { at: late + 2000 })]);
    expect(d.checks.find((c) => c.name === 'in_time')).toEqual({ name: 'in_time', passed: false, reason: expect.stringContaining('too long') });
    expect(d.passed).toBe(false);
  });

  it('refuses a second step that arrives more than its window after the first', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left'), ...performs(1, 'look_up', { at: ISSUED + 3000 + 10_001 })]);
    expect(failed(d)).toEqual(['in_time']);
  });

  it('refuses steps sooner than a person can perform them (replayed or scripted frames) as too fast', () => {
    const tooFast = (first: number, second: number) =>
      decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left', { at: ISSUED + first }), ...performs(1, 'look_up', { at: ISSUED + second })]);
    for (const d of [tooFast(100, 3000), tooFast(3000, 3300), tooFast(3000, 3000)]) {
      expect(failed(d)).toEqual(['in_time']);
      expect(d.checks.find((c) => c.name === 'in_time')!.reason).toContain('too fast');
    }
    expect(tooFast(400, 800).passed).toBe(true);
  });

  it('refuses a frame with two faces, or none', () => {
    const frames = [...performs(0, 'turn_left'), ...performs(1, 'look_up')];
    frames[4] = { ...frames[4], faces: 2 };
    const two = decideLiveness(challengeOf(['turn_left', 'look_up']), frames);
    expect(two.checks.find((c) => c.name === 'one_face')).toMatchObject({ passed: false, reason: expect.stringContaining('More than one face') });
    frames[4] = { ...frames[4], faces: 0, points: undefined };
    expect(failed(decideLiveness(challengeOf(['turn_left', 'look_up']), frames))).toEqual(['one_face']);
  });

  it('refuses two people taking turns', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left'), ...performs(1, 'look_up', { person: 1 })]);
    expect(failed(d)).toEqual(['same_person']);
  });

  describe('with the enrolled user', () => {
    /** A unit vector `cos` from person 0's direction (e0), the rest along e2: a turned face of another day. */
    const mixed = (cos: number) => {
      const e = new Float32Array(512);
      e[0] = cos;
      e[2] = Math.sqrt(1 - cos * cos);
      return e;
    };
    const asString = (e: Float32Array) => Buffer.from(e.buffer.slice(0)).toString('base64');
    const frontalSample = mixed(1);
    const turnedSample = mixed(0.2);
    // The look-up frames are far from the frontal one (cosine 0.2 < 0.25) but match the user's turned sample.
    const farFrames = () => [...performs(0, 'turn_left'), ...performs(1, 'look_up').map((f, i) => (i === 0 ? f : { ...f, embedding: asString(mixed(0.2)) }))];

    it('counts a frame far from the frontal one as the person when it is near an enrolled sample', () => {
      expect(failed(decideLiveness(challengeOf(['turn_left', 'look_up']), farFrames()))).toEqual(['same_person']);
      expect(decideLiveness(challengeOf(['turn_left', 'look_up']), farFrames(), undefined, [frontalSample, turnedSample]).passed).toBe(true);
    });

    it('does not when the frontal frame itself is not the enrolled user (a second person behind one photo)', () => {
      expect(failed(decideLiveness(challengeOf(['turn_left', 'look_up']), farFrames(), undefined, [turnedSample]))).toEqual(['same_person']);
      const twoPeople = [...performs(0, 'turn_left'), ...performs(1, 'look_up', { person: 1 })];
      expect(failed(decideLiveness(challengeOf(['turn_left', 'look_up']), twoPeople, undefined, [frontalSample]))).toEqual(['same_person']);
    });
  });

  it('refuses a jump between two frames of one step, not the return to the camera between steps', () => {
    const far = (step: number, yaw: number) => [0, 0.5, 1].map((t) => frame(step, project(head, yaw * t, 0)));
    // Turned 70 deg, then facing the camera again for the next step: nothing is captured on the way back.
    const back = decideLiveness(challengeOf(['turn_left', 'turn_right']), [...far(0, 70), ...far(1, -30)]);
    expect(failed(back)).not.toContain('continuous_path');
    // Facing, then 70 deg turned at once within a step.
    const jump = [frame(0, project(head, 0, 0)), frame(0, project(head, 0, 0)), frame(0, project(head, 70, 0))];
    const jumpy = decideLiveness(challengeOf(['turn_left', 'turn_right']), [...jump, ...far(1, -30)]);
    expect(failed(jumpy)).toContain('continuous_path');
  });

  it('refuses a step with fewer frames than asked as incomplete', () => {
    const d = decideLiveness(challengeOf(['turn_left', 'look_up']), [...performs(0, 'turn_left'), ...performs(1, 'look_up').slice(0, 2)]);
    expect(failed(d)).toEqual(['complete']);
  });

  it('refuses a sequence that never faces the camera', () => {
    const turned = [0, 1].flatMap((step) => [25, 40, 55].map((yaw) => frame(step, project(head, yaw, step * 15))));
    expect(failed(decideLiveness(challengeOf(['turn_left', 'look_up']), turned))).toContain('frontal');
  });
});

describe(drawChallenge.name, () => {
  it('draws two different movements with their frames and windows', () => {
    const c = drawChallenge(new Date(ISSUED));
    expect(c.steps).toHaveLength(2);
    expect(new Set(c.steps.map((s) => s.movement)).size).toBe(2);
    expect(c.steps.map((s) => s.window_ms)).toEqual([30_000, 10_000]);
    expect(c.frame_fields).toEqual(['frame0', 'frame1', 'frame2']);
  });

  it('reaches every ordered pair of movements', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(drawChallenge(new Date()).steps.map((s) => s.movement).join(','));
    expect(seen.size).toBe(6);
  });
});
