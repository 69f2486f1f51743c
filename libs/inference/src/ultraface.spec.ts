import { clipDetection, decodeUltraface, paddedRegion } from './ultraface';

describe('paddedRegion', () => {
  it('adds 25% of the longer side on each side and widens to 4:3, image centred', () => {
    // 480x640 portrait: border 160 -> 800x960, widened to 1280x960.
    expect(paddedRegion(480, 640)).toEqual({ x: -400, y: -160, width: 1280, height: 960 });
  });

  it('heightens a wide frame to 4:3', () => {
    // 1920x800: border 480 -> 2880x1760 is wider than 4:3 -> height 2160.
    expect(paddedRegion(1920, 800)).toEqual({ x: -480, y: -680, width: 2880, height: 2160 });
  });
});

describe('decodeUltraface', () => {
  it('keeps faces at or above the threshold and maps their corners into the region', () => {
    const scores = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.05, 0.95]);
    const boxes = Float32Array.from([0, 0, 1, 1, 0.25, 0.5, 0.5, 1, 0, 0, 0.5, 0.5]);
    const region = { x: -100, y: -50, width: 400, height: 300 };
    const found = decodeUltraface(scores, boxes, 0.8, region);
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({ x1: 0, y1: 100, x2: 100, y2: 250, score: expect.closeTo(0.8, 6) });
    expect(found[1]).toEqual({ x1: -100, y1: -50, x2: 100, y2: 100, score: expect.closeTo(0.95, 6) });
  });
});

describe('clipDetection', () => {
  it('clips to the image and drops boxes wholly outside', () => {
    expect(clipDetection({ x1: -10, y1: 5, x2: 50, y2: 120, score: 1 }, 100, 100)).toEqual({ x1: 0, y1: 5, x2: 50, y2: 100, score: 1 });
    expect(clipDetection({ x1: -30, y1: 5, x2: -10, y2: 50, score: 1 }, 100, 100)).toBeNull();
  });
});
