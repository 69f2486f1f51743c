import { InvalidImageError } from '@faceauth/common';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { withExifOrientation } from '../../../test/support/jpeg-exif';
import { withFrameSize } from '../../../test/support/jpeg-frame';
import { applyOrientation } from './orientation';
import { alignmentShrink, decodeImage, detectionShrink, ImageHeader } from './decode';

const MAX_PIXELS = 40_000_000;

/** A width x height RGB image: red on the left half, blue on the right. */
function halves(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
  return data;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
  return Buffer.concat([length, Buffer.from(type), data, crc]);
}

/** A valid PNG header claiming width x height with almost no pixel data: what a decompression bomb looks like. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}

/** decodeImage, with the pixels turned upright (as the engine reads them). */
async function decodeUpright(input: Buffer, shrink = 1) {
  const decoded = await decodeImage(input, MAX_PIXELS, shrink);
  return { ...decoded, ...applyOrientation(decoded.image.pixels, decoded.image.orientation) };
}

describe('decodeImage', () => {
  it('decodes a PNG to RGB pixels', async () => {
    const png = await sharp(halves(4, 2), { raw: { width: 4, height: 2, channels: 3 } }).png().toBuffer();
    const image = await decodeUpright(png);
    expect(image).toMatchObject({ width: 4, height: 2, channels: 3, originalWidth: 4, originalHeight: 2, scale: 1 });
    expect(Array.from(image.data.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(image.data.subarray(9, 12))).toEqual([0, 0, 255]);
  });

  it('applies the EXIF orientation', async () => {
    // Orientation 6: the stored image is shown rotated 90 degrees clockwise, so 4x2 becomes 2x4, red on top.
    const jpeg = await sharp(halves(40, 20), { raw: { width: 40, height: 20, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeUpright(jpeg);
    expect([image.width, image.height]).toEqual([20, 40]);
    expect(image.data[0]).toBeGreaterThan(200); // top-left is red
    expect(image.data[(39 * 20) * 3 + 2]).toBeGreaterThan(200); // bottom-left is blue
  });

  it('turns grey and transparent images into RGB', async () => {
    const grey = await sharp(Buffer.alloc(16, 90), { raw: { width: 4, height: 4, channels: 1 } }).png().toBuffer();
    expect(Array.from((await decodeUpright(grey)).data.subarray(0, 3))).toEqual([90, 90, 90]);
    const rgba = await sharp(Buffer.from([200, 100, 50, 0]), { raw: { width: 1, height: 1, channels: 4 } }).webp({ lossless: true }).toBuffer();
    expect(Array.from((await decodeUpright(rgba)).data)).toEqual([0, 0, 0]);
  });

  it('decodes at 1/shrink of the size and reports the scale', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const image = await decodeUpright(jpeg, 4);
    expect([image.width, image.height, image.originalWidth, image.scale]).toEqual([750, 250, 3000, 4]);
  });

  it('decodes a plain JPEG through libjpeg-turbo with its EXIF orientation, as sharp would', async () => {
    const noise = Buffer.from(Array.from({ length: 48 * 32 * 3 }, (_, i) => (i * 7919) % 251));
    const stored = await sharp(noise, { raw: { width: 48, height: 32, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    const tagged = withExifOrientation(stored, 6);
    const image = await decodeUpright(tagged);
    const viaSharp = await sharp(tagged).rotate().raw().toBuffer();
    expect([image.width, image.height, image.originalWidth, image.originalHeight]).toEqual([32, 48, 32, 48]);
    // The same IDCT; libvips upsamples the chroma planes a little differently: a few levels at colour edges.
    let worst = 0;
    let total = 0;
    for (let i = 0; i < viaSharp.length; i++) {
      const difference = Math.abs(image.data[i] - viaSharp[i]);
      worst = Math.max(worst, difference);
      total += difference;
    }
    expect(worst).toBeLessThanOrEqual(16);
    expect(total / viaSharp.length).toBeLessThan(1.5);
  });

  it('leaves a JPEG with a non-sRGB ICC profile to sharp, which converts its colours to sRGB', async () => {
    const p3 = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#20c040' } }).jpeg().withIccProfile('p3').toBuffer();
    const image = await decodeUpright(p3);
    const viaSharp = await sharp(p3).rotate().toColourspace('srgb').raw().toBuffer();
    expect(Array.from(image.data)).toEqual(Array.from(viaSharp));
  });

  it('refuses more pixels than the limit from the header alone', async () => {
    await expect(decodeImage(pngHeader(10_000, 5_000), MAX_PIXELS)).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      details: { width: 10_000, height: 5_000, max_pixels: 40_000_000 },
    });
  });

  describe('a JPEG whose header lies about its size is INVALID_IMAGE, without a buffer sized from the lie', () => {
    let jpeg: Buffer;
    beforeAll(async () => {
      jpeg = await sharp(halves(64, 48), { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toBuffer();
    });

    it('refuses 60000x60000, even under a limit that would allow it', async () => {
      const lie = withFrameSize(jpeg, 60_000, 60_000);
      await expect(decodeImage(lie, MAX_PIXELS)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
      await expect(decodeImage(lie, 4e9)).rejects.toMatchObject({ code: 'INVALID_IMAGE', details: { width: 60_000, height: 60_000, bytes: lie.length } });
    });

    it('refuses a size within the pixel limit that the data cannot hold, at every shrink', async () => {
      const allocate = jest.spyOn(Buffer, 'allocUnsafe');
      try {
        for (const [width, height] of [[2000, 1500], [6000, 4000]]) {
          const lie = withFrameSize(jpeg, width, height);
          for (const shrink of [1, 4, 8]) await expect(decodeImage(lie, MAX_PIXELS, shrink)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
        }
        expect(allocate.mock.calls.filter(([size]) => size > 1024 * 1024)).toEqual([]);
      } finally {
        allocate.mockRestore();
      }
    });

    it('never fails with anything but INVALID_IMAGE, whatever size the header claims', async () => {
      // A size the data could hold decodes like a JPEG truncated at the end (the missing rows grey).
      for (const [width, height] of [[1, 1], [63, 47], [128, 96], [65535, 1], [1, 65535], [3000, 10], [65535, 65535]]) {
        for (const shrink of [1, 8]) {
          const outcome = await decodeImage(withFrameSize(jpeg, width, height), MAX_PIXELS, shrink).then(
            (decoded) => decoded.originalWidth === width && decoded.originalHeight === height,
            (error) => error instanceof InvalidImageError,
          );
          expect([width, height, shrink, outcome]).toEqual([width, height, shrink, true]);
        }
      }
    });

    it('refuses a zero width or height', async () => {
      for (const [width, height] of [[0, 48], [64, 0], [0, 0]]) {
        await expect(decodeImage(withFrameSize(jpeg, width, height), MAX_PIXELS)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
      }
    });

    it('still decodes the honest image', async () => {
      expect((await decodeImage(jpeg, MAX_PIXELS)).image).toMatchObject({ width: 64, height: 48 });
    });
  });

  it('refuses text, truncated images and other formats with INVALID_IMAGE', async () => {
    const jpeg = await sharp(halves(64, 64), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
    const gif = await sharp(halves(4, 4), { raw: { width: 4, height: 4, channels: 3 } }).gif().toBuffer();
    for (const bytes of [Buffer.from('hello, not an image'), jpeg.subarray(0, jpeg.length / 2), gif, Buffer.alloc(0)]) {
      await expect(decodeImage(bytes, MAX_PIXELS)).rejects.toBeInstanceOf(InvalidImageError);
    }
  });
});

describe('shrink choice', () => {
  const header = (width: number, height: number): ImageHeader => ({ format: 'jpeg', originalWidth: width, originalHeight: height, hasAlpha: false, plainJpegOrientation: 1 });

  it('detects at 1/4 or 1/8 when the longer side stays >= 640 px, else at full size', () => {
    expect(detectionShrink(header(640, 480))).toBe(1);
    expect(detectionShrink(header(1920, 1280))).toBe(1);
    expect(detectionShrink(header(1920, 2560))).toBe(4);
    expect(detectionShrink(header(4032, 3024))).toBe(4);
    expect(detectionShrink(header(7700, 5200))).toBe(8);
  });

  it('decodes again larger only when the eyes would be under 32 px apart, never above 4096 px', () => {
    expect(alignmentShrink(header(4032, 3024), 4, 60)).toBe(4); // a selfie: sharp enough already
    expect(alignmentShrink(header(4032, 3024), 4, 20)).toBe(2); // 80 px at full size -> 40 at 1/2
    expect(alignmentShrink(header(4032, 3024), 4, 5)).toBe(1);
    expect(alignmentShrink(header(7700, 5200), 8, 3)).toBe(2); // full size would exceed 4096 px
  });
});
