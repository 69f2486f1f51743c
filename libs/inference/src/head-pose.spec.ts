import { headPose } from './head-pose';
import { project, syntheticHead } from '../../../test/support/synthetic-head';

describe('headPose', () => {
  const head = syntheticHead();

  it.each([
    [0, 0, 0],
    [25, 0, 0],
    [-25, 0, 0],
    [40, 0, 0],
    [0, 20, 0],
    [0, -15, 0],
    [20, 15, 10],
    [-30, -10, -20],
  ])('recovers yaw %d, pitch %d, roll %d of the projected model within a degree', (yaw, pitch, roll) => {
    const pose = headPose(project(head, yaw, pitch, roll, 2.5));
    expect(pose.yaw).toBeCloseTo(yaw, 0);
    expect(pose.pitch).toBeCloseTo(pitch, 0);
    expect(pose.roll).toBeCloseTo(roll, 0);
    expect(pose.scale).toBeCloseTo(2.5, 3);
    expect(pose.residual).toBeLessThan(1e-6);
  });

  it('reads a turn to the person\'s left (nose to the image right) as positive yaw, looking up as positive pitch', () => {
    // The nose tip against the middle of the outer eye corners.
    const nose = (points: { x: number; y: number }[]) => ({ x: points[30].x - (points[36].x + points[45].x) / 2, y: points[30].y - (points[36].y + points[45].y) / 2 });
    const frontal = nose(project(head, 0, 0));
    const turned = project(head, 20, 0);
    expect(nose(turned).x).toBeGreaterThan(frontal.x + 5);
    expect(headPose(turned).yaw).toBeGreaterThan(15);
    const up = project(head, 0, 20);
    expect(nose(up).y).toBeLessThan(frontal.y - 5);
    expect(headPose(up).pitch).toBeGreaterThan(15);
  });

  it('stays within a few degrees under landmark noise of 2% of the eye distance', () => {
    let seed = 3;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    const eye = 60 * 2; // eye centres ~60 mm apart, 2 px per mm
    for (const [yaw, pitch] of [[0, 0], [25, 0], [-25, 0], [0, 20]]) {
      const points = project(head, yaw, pitch).map((p) => ({ x: p.x + noise() * 0.02 * eye, y: p.y + noise() * 0.02 * eye }));
      const pose = headPose(points);
      expect(Math.abs(pose.yaw - yaw)).toBeLessThan(4);
      expect(Math.abs(pose.pitch - pitch)).toBeLessThan(4);
    }
  });

  it('does not depend on where the face is or how big it is', () => {
    const a = headPose(project(head, 15, 5, 0, 1));
    const moved = project(head, 15, 5, 0, 4).map((p) => ({ x: p.x + 500, y: p.y - 100 }));
    const b = headPose(moved);
    expect(b.yaw).toBeCloseTo(a.yaw, 6);
    expect(b.pitch).toBeCloseTo(a.pitch, 6);
  });

  it('refuses anything but 68 points', () => {
    expect(() => headPose([])).toThrow(RangeError);
  });
});
