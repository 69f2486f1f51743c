import sharp from 'sharp';
import { withExifOrientation } from '../../../test/support/jpeg-exif';
import { withFrameSize } from '../../../test/support/jpeg-frame';
import { parseJpegHeader } from './jpeg-header';

const rgb = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#336699' } });

describe('parseJpegHeader', () => {
  it('reads size, components and orientation as sharp does', async () => {
    for (const orientation of [1, 3, 6, 8]) {
      const jpeg = await rgb(40, 30).jpeg().withMetadata({ orientation }).toBuffer();
      const meta = await sharp(jpeg).metadata();
      expect(parseJpegHeader(jpeg)).toEqual({ width: 40, height: 30, precision: 8, components: 3, arithmetic: false, orientation: meta.orientation, iccProfile: 'srgb' });
    }
  });

  it('reads the orientation of an EXIF block without an ICC profile', async () => {
    const jpeg = withExifOrientation(await rgb(40, 30).jpeg().toBuffer(), 6);
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    expect(parseJpegHeader(jpeg)).toMatchObject({ width: 40, height: 30, orientation: 6, iccProfile: 'none' });
  });

  it('tells an sRGB profile from another colour space', async () => {
    const p3 = await rgb(40, 30).jpeg().withIccProfile('p3').toBuffer();
    expect(parseJpegHeader(p3)).toMatchObject({ iccProfile: 'other' });
    const srgb = await rgb(40, 30).jpeg().withIccProfile('srgb').toBuffer();
    expect(parseJpegHeader(srgb)).toMatchObject({ iccProfile: 'srgb' });
  });

  it('reads a grey, progressive JPEG without metadata', async () => {
    const jpeg = await rgb(17, 9).toColourspace('b-w').jpeg({ progressive: true }).toBuffer();
    expect(parseJpegHeader(jpeg)).toEqual({ width: 17, height: 9, precision: 8, components: 1, arithmetic: false, orientation: 1, iccProfile: 'none' });
  });

  it('tells an arithmetic-coded frame (SOF9) from a Huffman one', async () => {
    const jpeg = await rgb(40, 30).jpeg().toBuffer();
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const arithmetic = Buffer.from(jpeg);
    arithmetic[sof + 1] = 0xc9;
    expect(parseJpegHeader(arithmetic)).toMatchObject({ width: 40, height: 30, arithmetic: true });
  });

  it('reports the size the frame header claims, however large, and null for a zero width', async () => {
    const jpeg = await rgb(40, 30).jpeg().toBuffer();
    expect(parseJpegHeader(withFrameSize(jpeg, 60000, 60000))).toMatchObject({ width: 60000, height: 60000 });
    expect(parseJpegHeader(withFrameSize(jpeg, 0, 30))).toBeNull();
  });

  it('answers null for anything it cannot vouch for, without throwing', async () => {
    const jpeg = await rgb(40, 30).jpeg().toBuffer();
    const png = await rgb(4, 4).png().toBuffer();
    expect(parseJpegHeader(png)).toBeNull();
    expect(parseJpegHeader(Buffer.from('hello'))).toBeNull();
    expect(parseJpegHeader(jpeg.subarray(0, 10))).toBeNull();
    // Every prefix, and random bytes after a JPEG signature, either parse or give null.
    for (let n = 0; n < 200; n++) expect(() => parseJpegHeader(jpeg.subarray(0, n))).not.toThrow();
    for (let n = 0; n < 200; n++) {
      const noise = Buffer.from([0xff, 0xd8, ...Array.from({ length: 64 }, () => Math.floor(Math.random() * 256))]);
      expect(() => parseJpegHeader(noise)).not.toThrow();
    }
  });
});
