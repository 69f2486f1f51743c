import { applyAffine, invertAffine } from './image';
import { ARCFACE_TEMPLATE, estimateSimilarity } from './similarity-transform';

describe('estimateSimilarity', () => {
  it('recovers a known rotation, scale and translation exactly', () => {
    const angle = 0.3;
    const scale = 1.7;
    const [tx, ty] = [12.5, -40];
    const dst = ARCFACE_TEMPLATE;
    const cos = Math.cos(angle) * scale;
    const sin = Math.sin(angle) * scale;
    const src = dst.map((p) => ({ x: cos * p.x - sin * p.y + tx, y: sin * p.x + cos * p.y + ty }));
    const m = estimateSimilarity(dst, src);
    const expected = [cos, -sin, tx, sin, cos, ty];
    m.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    // And the inverse maps the moved points back onto the template.
    const back = estimateSimilarity(src, dst);
    src.forEach((p, i) => {
      const [x, y] = applyAffine(back, p.x, p.y);
      expect(x).toBeCloseTo(dst[i].x, 9);
      expect(y).toBeCloseTo(dst[i].y, 9);
    });
  });

  it('gives the least-squares fit for noisy points and never a reflection', () => {
    const src = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }];
    const mirrored = src.map((p) => ({ x: -p.x, y: p.y }));
    const m = estimateSimilarity(src, mirrored);
    // a = m[0], b = m[3]: a pure rotation-scale has determinant a^2 + b^2 >= 0.
    expect(m[0] * m[4] - m[1] * m[3]).toBeGreaterThanOrEqual(0);
  });

  it('refuses coincident source points', () => {
    expect(() => estimateSimilarity([{ x: 1, y: 1 }, { x: 1, y: 1 }], ARCFACE_TEMPLATE.slice(0, 2))).toThrow(RangeError);
  });
});

describe('invertAffine', () => {
  it('undoes the transform', () => {
    const m = invertAffine([2, 1, 3, -1, 4, 5]);
    const [x, y] = applyAffine([2, 1, 3, -1, 4, 5], 7, -2);
    const [bx, by] = applyAffine(m, x, y);
    expect(bx).toBeCloseTo(7, 12);
    expect(by).toBeCloseTo(-2, 12);
  });
});
