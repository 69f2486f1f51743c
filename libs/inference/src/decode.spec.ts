import { InvalidImageError } from '@faceauth/common';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { decodeImage } from './decode';

const options = { maxPixels: 40_000_000, maxSide: 2048 };

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

describe('decodeImage', () => {
  it('decodes a PNG to RGB pixels', async () => {
    const png = await sharp(halves(4, 2), { raw: { width: 4, height: 2, channels: 3 } }).png().toBuffer();
    const image = await decodeImage(png, options);
    expect(image).toMatchObject({ width: 4, height: 2, channels: 3, originalWidth: 4, originalHeight: 2, scale: 1 });
    expect(Array.from(image.data.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(image.data.subarray(9, 12))).toEqual([0, 0, 255]);
  });

  it('applies the EXIF orientation', async () => {
    // Orientation 6: the stored image is shown rotated 90 degrees clockwise, so 4x2 becomes 2x4, red on top.
    const jpeg = await sharp(halves(40, 20), { raw: { width: 40, height: 20, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(jpeg, options);
    expect([image.width, image.height]).toEqual([20, 40]);
    expect(image.data[0]).toBeGreaterThan(200); // top-left is red
    expect(image.data[(39 * 20) * 3 + 2]).toBeGreaterThan(200); // bottom-left is blue
  });

  it('turns grey and transparent images into RGB', async () => {
    const grey = await sharp(Buffer.alloc(16, 90), { raw: { width: 4, height: 4, channels: 1 } }).png().toBuffer();
    expect(Array.from((await decodeImage(grey, options)).data.subarray(0, 3))).toEqual([90, 90, 90]);
    const rgba = await sharp(Buffer.from([200, 100, 50, 0]), { raw: { width: 1, height: 1, channels: 4 } }).webp({ lossless: true }).toBuffer();
    expect(Array.from((await decodeImage(rgba, options)).data)).toEqual([0, 0, 0]);
  });

  it('shrinks a large image while decoding and reports the scale', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const image = await decodeImage(jpeg, { ...options, maxSide: 1000 });
    expect([image.width, image.height, image.originalWidth, image.scale]).toEqual([1000, 333, 3000, 3]);
  });

  it('refuses more pixels than the limit from the header alone', async () => {
    await expect(decodeImage(pngHeader(10_000, 5_000), options)).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      details: { width: 10_000, height: 5_000, max_pixels: 40_000_000 },
    });
  });

  it('refuses text, truncated images and other formats with INVALID_IMAGE', async () => {
    const jpeg = await sharp(halves(64, 64), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
    const gif = await sharp(halves(4, 4), { raw: { width: 4, height: 4, channels: 3 } }).gif().toBuffer();
    for (const bytes of [Buffer.from('hello, not an image'), jpeg.subarray(0, jpeg.length / 2), gif, Buffer.alloc(0)]) {
      await expect(decodeImage(bytes, options)).rejects.toBeInstanceOf(InvalidImageError);
    }
  });
});
