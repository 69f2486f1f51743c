import { RawImage } from './image';
import { resizeRegion } from './resize';

const solid = (width: number, height: number, rgb: [number, number, number]): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height, channels: 3 };
};
const pixel = (image: RawImage, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

describe('resizeRegion', () => {
  it('returns the image unchanged when the region is the image at the same size', () => {
    const image: RawImage = { data: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i * 7), width: 4, height: 3, channels: 3 };
    expect(resizeRegion(image, { x: 0, y: 0, width: 4, height: 3 }, 4, 3).data).toEqual(image.data);
  });

  it('places the image in the middle of a padded region, black around it', () => {
    const out = resizeRegion(solid(4, 4, [200, 100, 50]), { x: -4, y: -2, width: 12, height: 8 }, 6, 4);
    expect(pixel(out, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(out, 2, 1)).toEqual([200, 100, 50]);
    expect(pixel(out, 3, 2)).toEqual([200, 100, 50]);
    expect(pixel(out, 5, 3)).toEqual([0, 0, 0]);
  });

  it('averages the covered area when shrinking (a checkerboard becomes flat grey)', () => {
    const image = solid(6, 6, [0, 0, 0]);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) if ((x + y) % 2) image.data.set([200, 200, 200], (y * 6 + x) * 3);
    const out = resizeRegion(image, { x: 0, y: 0, width: 6, height: 6 }, 3, 3);
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBe(100);
  });

  it('interpolates linearly when enlarging', () => {
    const image: RawImage = { data: Uint8Array.from([0, 0, 0, 100, 100, 100]), width: 2, height: 1, channels: 3 };
    const out = resizeRegion(image, { x: 0, y: 0, width: 2, height: 1 }, 4, 1);
    // Output pixels cover source [0, 0.5), [0.5, 1), ...; a one-pixel-wide box around each centre mixes the
    // neighbours linearly; past the last pixel the image is black, so the last output keeps 3/4 of it.
    expect(Array.from(out.data.filter((_, i) => i % 3 === 0))).toEqual([0, 25, 75, 75]);
  });

  it('stays close to the area average when shrinking 8x by reading every 4th pixel', () => {
    // A horizontal ramp, value 2x: each output covers 8 columns whose true mean is 16 * o + 7.
    const image = solid(64, 64, [0, 0, 0]);
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) image.data.set([2 * x, 2 * x, 2 * x], (y * 64 + x) * 3);
    const out = resizeRegion(image, { x: 0, y: 0, width: 64, height: 64 }, 8, 8);
    for (let o = 0; o < 8; o++) expect(Math.abs(out.data[o * 3] - (16 * o + 7))).toBeLessThanOrEqual(1);
  });
});
