import { inconsistentPairs, qualityProblem, reenrollMismatches } from './enrollment-rules';
import { EnrolledTemplate } from './template-match';

const unit = (angle: number) => Float32Array.from([Math.cos(angle), Math.sin(angle)]);
const calibration = { distanceScale: 1, logistic: { a: -10, b: 0.5 } };
const limits = { minSharpness: 20, minBrightness: 40, maxBrightness: 220, maxOverexposed: 0.2, maxYaw: 0.3 };
const good = { sharpness: 100, brightness: 120, overexposed: 0, yaw: 0, embeddingNorm: 20, flipCosine: 0.9, landmarkShift: 0.02 };

describe('enrollment rules', () => {
  it('lists the pairs of an enrollment whose pair distance is above the consistency threshold', () => {
    // 1 - cos(60 deg) = 0.5; 1 - cos(30 deg) = 0.134.
    const photos = [
      { field: 'image', embedding: unit(0) },
      { field: 'image1', embedding: unit(Math.PI / 6) },
      { field: 'image2', embedding: unit(Math.PI / 2) },
    ];
    expect(inconsistentPairs(photos, calibration, 0.55)).toEqual([{ fields: ['image', 'image2'], distance: 1 }]);
  });

  it('refuses new photos of a name that are far from its stored template', () => {
    const stored = new EnrolledTemplate([unit(0), unit(0.2)]);
    const photos = [{ field: 'image', embedding: unit(0.1) }, { field: 'image1', embedding: unit(1.5) }];
    expect(reenrollMismatches(stored, photos, 'fused', calibration, 0.3)).toEqual([{ field: 'image1', distance: expect.any(Number) }]);
  });

  it.each([
    [{ sharpness: 10 }, 'sharpness'],
    [{ brightness: 20 }, 'brightness'],
    [{ brightness: 240 }, 'brightness'],
    [{ overexposed: 0.3 }, 'overexposed'],
    [{ yaw: -0.4 }, 'yaw'],
  ])('names the failed quality check of %j', (bad, check) => {
    expect(qualityProblem({ ...good, ...bad }, limits)).toMatchObject({ check, limit: expect.any(Number) });
  });

  it('passes a good photo', () => {
    expect(qualityProblem(good, limits)).toBeNull();
  });
});
