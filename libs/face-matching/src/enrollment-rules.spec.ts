import { outlyingPhotos, qualityProblem, reenrollMismatches } from './enrollment-rules';
import { EnrolledTemplate } from './template-match';

const unit = (angle: number) => Float32Array.from([Math.cos(angle), Math.sin(angle)]);
const calibration = { distanceScale: 1, logistic: { a: -10, b: 0.5 } };
const limits = { minSharpness: 20, minBrightness: 40, maxBrightness: 220, maxOverexposed: 0.2, maxYaw: 0.3 };
const good = { sharpness: 100, brightness: 120, overexposed: 0, yaw: 0, embeddingNorm: 20, flipCosine: 0.9, landmarkShift: 0.02, mirrorShift: 0.03 };

describe('enrollment rules', () => {
  it('names the photos far from the fused template of the others, farthest first (pair calibration, consistency threshold)', () => {
    // The others of image2 fuse to 15 deg: 1 - cos(75 deg) = 0.7412; image sits 60 deg (0.5) and image1 15 deg from theirs.
    const photos = [
      { field: 'image', embedding: unit(0) },
      { field: 'image1', embedding: unit(Math.PI / 6) },
      { field: 'image2', embedding: unit(Math.PI / 2) },
    ];
    expect(outlyingPhotos(photos, calibration, 0.55)).toEqual([{ field: 'image2', distance: 0.7412 }]);
    expect(outlyingPhotos(photos, calibration, 0.2).map((p) => p.field)).toEqual(['image2', 'image']);
  });

  it('keeps a photo far from one other photo but near the others\' mean, which the largest pair distance refused', () => {
    // image and image2 are 80 deg apart (1 - cos = 0.83), yet each is 60 deg from the fused other two (0.5).
    const photos = [unit(0), unit((40 * Math.PI) / 180), unit((80 * Math.PI) / 180)].map((embedding, i) => ({ field: `image${i}`, embedding }));
    expect(outlyingPhotos(photos, calibration, 0.55)).toEqual([]);
  });

  it('compares two photos by their pair distance and names both; one photo is always consistent', () => {
    const photos = [{ field: 'image', embedding: unit(0) }, { field: 'image1', embedding: unit(Math.PI / 2) }];
    expect(outlyingPhotos(photos, calibration, 0.55)).toEqual([{ field: 'image', distance: 1 }, { field: 'image1', distance: 1 }]);
    expect(outlyingPhotos(photos.slice(0, 1), calibration, 0)).toEqual([]);
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
