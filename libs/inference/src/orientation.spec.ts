import sharp from 'sharp';
import { applyOrientation } from './orientation';

/** A 3x2 RGB image whose pixel i is (i, 10 + i, 20 + i). */
const source = { data: Uint8Array.from({ length: 18 }, (_, k) => Math.floor(k / 3) + 10 * (k % 3)), width: 3, height: 2, channels: 3 };

describe('applyOrientation', () => {
  it('returns orientation 1 (and unknown values) untouched', () => {
    expect(applyOrientation(source, 1)).toBe(source);
    expect(applyOrientation(source, 9)).toBe(source);
  });

  it.each([2, 3, 4, 5, 6, 7, 8])('orientation %i matches what sharp does with that EXIF tag', async (orientation) => {
    const tagged = await sharp(Buffer.from(source.data), { raw: { width: 3, height: 2, channels: 3 } }).png().withMetadata({ orientation }).toBuffer();
    const { data, info } = await sharp(tagged).rotate().raw().toBuffer({ resolveWithObject: true });
    const ours = applyOrientation(source, orientation);
    expect([ours.width, ours.height]).toEqual([info.width, info.height]);
    expect(Array.from(ours.data)).toEqual(Array.from(data));
  });

  it('handles grey images', () => {
    const grey = { data: Uint8Array.from([1, 2, 3, 4, 5, 6]), width: 3, height: 2, channels: 1 };
    expect(applyOrientation(grey, 6)).toEqual({ data: Uint8Array.from([4, 1, 5, 2, 6, 3]), width: 2, height: 3, channels: 1 });
  });
});
