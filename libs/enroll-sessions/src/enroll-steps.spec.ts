import { poseProblem } from './enroll-steps';

describe('enrollment session poses', () => {
  it('accepts a frontal photo within 12 degrees of yaw and 20 of pitch', () => {
    expect(poseProblem(0, { yaw: -11.9, pitch: 19.9 })).toBeNull();
  });

  it('asks to face the camera when the frontal photo is turned, and to keep the head level when it is tilted', () => {
    expect(poseProblem(0, { yaw: 29.64, pitch: 5.8 })).toEqual({ check: 'pose', step: 0, pose: 'frontal', yaw: 29.6, pitch: 5.8, message: 'Face the camera: look straight into it.' });
    expect(poseProblem(0, { yaw: 2, pitch: -25 })).toMatchObject({ pose: 'frontal', message: expect.stringMatching(/level/) });
  });

  it("takes turn_left as the person's own left (positive yaw, camera view) from 5 degrees", () => {
    expect(poseProblem(1, { yaw: 5, pitch: 0 })).toBeNull();
    expect(poseProblem(1, { yaw: 4.9, pitch: 0 })).toMatchObject({ pose: 'turn_left', message: 'Turn your head a little to your left.' });
    expect(poseProblem(1, { yaw: -28, pitch: 0 })).toMatchObject({ pose: 'turn_left' });
  });

  it('takes turn_right as negative yaw from 5 degrees', () => {
    expect(poseProblem(2, { yaw: -28.2, pitch: 8.7 })).toBeNull();
    expect(poseProblem(2, { yaw: 12, pitch: 0 })).toMatchObject({ step: 2, pose: 'turn_right', message: 'Turn your head a little to your right.' });
  });
});
