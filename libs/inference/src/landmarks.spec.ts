import { Point } from './inference.types';
import { eyeDistance, landmarkCrop, landmarksToSource, reduce68to5 } from './landmarks';

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

  it('reduces 68 points to eye centres, nose tip and mouth corners', () => {
    const points: Point[] = Array.from({ length: 68 }, (_, i) => ({ x: i, y: 100 + i }));
    const five = reduce68to5(points);
    expect(five[0]).toEqual({ x: 39, y: 139 }); // mean of 37, 38, 40, 41
    expect(five[1]).toEqual({ x: 45, y: 145 }); // mean of 43, 44, 46, 47
    expect(five[2]).toEqual({ x: 30, y: 130 });
    expect(five[3]).toEqual({ x: 54, y: 154 }); // mean of 48, 60
    expect(five[4]).toEqual({ x: 59, y: 159 }); // mean of 54, 64
    expect(eyeDistance(five)).toBeCloseTo(Math.hypot(6, 6), 10);
  });

  it('refuses a landmark set that is not 68 points', () => {
    expect(() => reduce68to5([{ x: 0, y: 0 }])).toThrow(RangeError);
  });
});
