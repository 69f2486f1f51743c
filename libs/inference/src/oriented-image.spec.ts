import { Affine, RawImage } from './image';
import { OrientedImage } from './oriented-image';
import { applyOrientation } from './orientation';
import { resizeRegion } from './resize';
import { packNchw } from './tensor';
import { warpAffine } from './warp';

/** A 7x5 RGB image of distinct, smoothly varying values. */
const stored: RawImage = {
  data: Uint8Array.from({ length: 7 * 5 * 3 }, (_, i) => (Math.floor(i / 3) * 5 + (i % 3) * 60) % 256),
  width: 7,
  height: 5,
  channels: 3,
};

describe('OrientedImage', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i: reads the stored pixels as the upright image', (orientation) => {
    const image = new OrientedImage(stored, orientation);
    const upright = applyOrientation(stored, orientation);
    expect([image.width, image.height]).toEqual([upright.width, upright.height]);

    // Resizes (including a padded region) equal resizing the upright image.
    for (const region of [{ x: 0, y: 0, width: upright.width, height: upright.height }, { x: -2, y: -1, width: 12, height: 9 }, { x: 1.5, y: 0.5, width: 3, height: 3 }]) {
      const expected = resizeRegion(upright, region, 4, 3);
      expect(image.resize(region, 4, 3)).toEqual(expected);
      const tensor = image.resizeToTensor(region, 4, 3, { mean: 127, std: 128, order: 'bgr' });
      const fromBytes = packNchw(expected, { mean: 127, std: 128, order: 'bgr' });
      // The tensor skips the 8-bit rounding: within half a level.
      tensor.forEach((v, i) => expect(Math.abs(v - fromBytes[i])).toBeLessThanOrEqual(0.5 / 128 + 1e-6));
    }

    // A rotating, plain bilinear warp equals the same warp of the upright image (within rounding: the
    // flipped interpolation weights sum in another order).
    const toSource: Affine = [0.8, -0.3, 2.2, 0.3, 0.8, 0.7];
    const warped = image.warp(toSource, 5, 4, false);
    const reference = warpAffine(upright, toSource, 5, 4, 1);
    expect([warped.width, warped.height]).toEqual([5, 4]);
    warped.data.forEach((v, i) => expect(Math.abs(v - reference.data[i])).toBeLessThanOrEqual(1));

    // Shrinking up to 3x, the anti-aliased warp averages 2x2 bilinear samples per output pixel.
    const shrinking: Affine = [1.6, -0.4, 0.3, 0.4, 1.6, 0.2];
    const smooth = image.warp(shrinking, 3, 2);
    const smoothReference = warpAffine(upright, shrinking, 3, 2, 2);
    smooth.data.forEach((v, i) => expect(Math.abs(v - smoothReference.data[i])).toBeLessThanOrEqual(1));
  });

  it('anti-aliases a warp shrinking more than 3x by area-averaging first (a fine checkerboard turns flat grey)', () => {
    const size = 64;
    const data = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if ((x + y) % 2) data.fill(200, (y * size + x) * 3, (y * size + x) * 3 + 3);
    const image = new OrientedImage({ data, width: size, height: size, channels: 3 }, 6);
    // 4x shrink with a slight rotation, well inside the image.
    const c = Math.cos(0.1) * 4;
    const s = Math.sin(0.1) * 4;
    const out = image.warp([c, -s, 16, s, c, 12], 8, 8);
    for (const v of out.data) expect(Math.abs(v - 100)).toBeLessThanOrEqual(3);
    // Plain bilinear at the same scale aliases: it lands on single squares.
    const plain = image.warp([c, -s, 16, s, c, 12], 8, 8, false);
    expect(Math.max(...plain.data) - Math.min(...plain.data)).toBeGreaterThan(50);
  });

  it('treats an unknown orientation as upright', () => {
    expect(new OrientedImage(stored, 42).orientation).toBe(1);
  });
});
