import { Point } from './inference.types';
import { eyeDistance, landmarkCrop, landmarksToSource, MIRROR_68, mirroredLandmarksToSource, recentredCrop, reduce68to5 } from './landmarks';

describe('landmarks', () => {
  it('squares the box around its centre with side = height', () => {
    expect(landmarkCrop({ x1: 10, y1: 20, x2: 50, y2: 80, score: 1 })).toEqual({ x: 0, y: 20, width: 60, height: 60 });
  });

  it('maps model outputs in 0..1 of the crop to source pixels', () => {
    const out = new Float32Array(136);
    out[0] = 0.5;
    out[1] = 0.25;
    const points = landmarksToSource(out, { x: 10, y: 20, width: 64, height: 64 });
    expect(points).toHaveLength(68);
    expect(points[0]).toEqual({ x: 42, y: 36 });
    expect(points[1]).toEqual({ x: 10, y: 20 });
  });

  it('reduces 68 points to eye centres, nose and mouth corners', () => {
    const points: Point[] = Array.from({ length: 68 }, (_, i) => ({ x: i, y: 100 + i }));
    const five = reduce68to5(points);
    expect(five[0]).toEqual({ x: 38.5, y: 138.5 }); // mean of 36..41
    expect(five[1]).toEqual({ x: 44.5, y: 144.5 }); // mean of 42..47
    expect(five[2]).toEqual({ x: 31.5, y: 131.5 }); // midway between 30 and 33
    expect(five[3]).toEqual({ x: 54, y: 154 }); // mean of 48, 60
    expect(five[4]).toEqual({ x: 59, y: 159 }); // mean of 54, 64
    expect(eyeDistance(five)).toBeCloseTo(Math.hypot(6, 6), 10);
  });

  it('moves the crop so the points\' centroid sits at (0.5, 0.6) of it, keeping its side', () => {
    const points: Point[] = Array.from({ length: 68 }, (_, i) => ({ x: 100 + (i % 2 ? 10 : -10), y: 200 + (i % 4 < 2 ? 5 : -5) }));
    expect(recentredCrop(points, 50)).toEqual({ x: 75, y: 170, width: 50, height: 50 });
  });

  it('refuses a landmark set that is not 68 points', () => {
    expect(() => reduce68to5([{ x: 0, y: 0 }])).toThrow(RangeError);
  });

  describe('mirror image', () => {
    it('pairs each iBUG point with its mirror once, keeping the 10 midline points (chin, nose bridge and base, lip centres)', () => {
      MIRROR_68.forEach((j, i) => expect(MIRROR_68[j]).toBe(i));
      expect(MIRROR_68.flatMap((j, i) => (j === i ? [i] : []))).toEqual([8, 27, 28, 29, 30, 33, 51, 57, 62, 66]);
      expect([MIRROR_68[36], MIRROR_68[39], MIRROR_68[48], MIRROR_68[0]]).toEqual([45, 42, 54, 16]);
    });

    it("maps the model's points on the mirrored crop back onto the same face points of the original", () => {
      const crop = { x: 100, y: 50, width: 200, height: 200 };
      // A face whose points are all off-centre: the outer eye corner 36 at (0.3, 0.4), its mirror 45 at (0.7, 0.4).
      const face = new Float32Array(136);
      for (let i = 0; i < 68; i++) [face[i * 2], face[i * 2 + 1]] = [0.2 + (i % 7) * 0.1, 0.3 + Math.floor(i / 7) * 0.05];
      // What the model reports on the mirrored crop: each point's mirror partner, x flipped.
      const onMirror = new Float32Array(136);
      for (let i = 0; i < 68; i++) [onMirror[i * 2], onMirror[i * 2 + 1]] = [1 - face[MIRROR_68[i] * 2], face[MIRROR_68[i] * 2 + 1]];
      const back = mirroredLandmarksToSource(onMirror, crop);
      landmarksToSource(face, crop).forEach((p, i) => {
        expect(back[i].x).toBeCloseTo(p.x, 4);
        expect(back[i].y).toBeCloseTo(p.y, 4);
      });
    });
  });
});
