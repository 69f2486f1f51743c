import { applyHomography, fitHomography, Homography, homographyResidual } from './homography';
import { project, syntheticHead } from '../../../test/support/synthetic-head';

describe('fitHomography', () => {
  it('recovers a known perspective homography exactly', () => {
    const h: Homography = [1.1, 0.05, 12, -0.08, 0.95, -7, 0.0004, -0.0002, 1];
    const src = project(syntheticHead(), 0, 0);
    const dst = src.map((p) => applyHomography(h, p));
    const fitted = fitHomography(src, dst);
    fitted.forEach((v, i) => expect(v).toBeCloseTo(h[i], 6));
  });
});

describe('homographyResidual', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  /** A random picture-in-front-of-a-camera homography: tilt, turn, move and scale. */
  const randomHomography = (): Homography => {
    const s = 1 + 0.3 * random();
    const a = 0.3 * random();
    return [s * Math.cos(a), -s * Math.sin(a), 40 * random(), s * Math.sin(a), s * Math.cos(a) * (1 + 0.1 * random()), 40 * random(), 0.0015 * random(), 0.0015 * random(), 1];
  };

  it('is ~0 for a flat picture under random homographies', () => {
    const flat = project(syntheticHead(true), 0, 0);
    for (let i = 0; i < 20; i++) {
      const h = randomHomography();
      expect(homographyResidual(flat, flat.map((p) => applyHomography(h, p)))).toBeLessThan(1e-6);
    }
  });

  it('is ~0 for a flat picture seen turned 25 degrees (an orthographic view of a plane is affine)', () => {
    const flat = syntheticHead(true);
    expect(homographyResidual(project(flat, 0, 0), project(flat, 25, 10))).toBeLessThan(1e-6);
  });

  it('is clearly larger for a 3-D head turned 20 degrees', () => {
    const head = syntheticHead();
    const frontal = project(head, 0, 0);
    const turned = homographyResidual(frontal, project(head, 20, 0));
    const up = homographyResidual(frontal, project(head, 0, 20));
    expect(turned).toBeGreaterThan(0.03);
    expect(up).toBeGreaterThan(0.03);
    // And it grows with the turn.
    expect(homographyResidual(frontal, project(head, 10, 0))).toBeLessThan(turned);
  });
});
