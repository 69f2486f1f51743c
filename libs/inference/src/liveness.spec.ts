import { livenessCrop, softmax } from './liveness';

describe('liveness helpers', () => {
  it('scales the box 2.7x around its centre when it fits', () => {
    const crop = livenessCrop({ x1: 400, y1: 400, x2: 500, y2: 500, score: 1 }, 1000, 1000);
    expect(crop.width).toBeCloseTo(270, 10);
    expect(crop.x).toBeCloseTo(315, 10);
  });

  it('shrinks and shifts the crop to stay inside the image', () => {
    const crop = livenessCrop({ x1: 0, y1: 0, x2: 100, y2: 200, score: 1 }, 300, 300);
    expect(crop).toEqual({ x: 0, y: 0, width: 150, height: 300 });
  });

  it('turns logits into probabilities', () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(p[2] / p[1]).toBeCloseTo(Math.E, 10);
  });
});
