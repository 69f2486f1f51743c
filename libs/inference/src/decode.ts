import { InvalidImageError } from '@faceauth/common';
import sharp from 'sharp';
import { RawImage } from './image';

const FORMATS = new Set(['jpeg', 'png', 'webp']);

export interface DecodeOptions {
  /** Refuse images with more pixels than this, from the header alone (before decoding). */
  maxPixels: number;
  /**
   * Longer side of the decoded image. Bigger photos are shrunk while decoding (JPEG shrink-on-load decodes at
   * 1/2, 1/4 or 1/8 directly): at 2048 px a face spanning 1/20 of the photo still has ~40 px between the eyes,
   * more than the 112x112 aligned crop holds (~35 px), so nothing the recogniser sees is lost.
   */
  maxSide: number;
}

export interface DecodedImage extends RawImage {
  /** Size after EXIF orientation, before any shrink. */
  originalWidth: number;
  originalHeight: number;
  /** Original pixels per decoded pixel (>= 1). */
  scale: number;
}

/**
 * Encoded JPEG/PNG/WebP bytes -> RGB pixels, EXIF orientation applied, first frame of an animation, alpha
 * flattened onto black. Anything else, or more than `maxPixels`, is an InvalidImageError.
 */
export async function decodeImage(input: Buffer, { maxPixels, maxSide }: DecodeOptions): Promise<DecodedImage> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new InvalidImageError();
  }
  if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) throw new InvalidImageError();
  const height = meta.pageHeight ?? meta.height;
  if (meta.width * height > maxPixels) {
    throw new InvalidImageError(
      `Image too large: ${(meta.width * height / 1e6).toFixed(1)} megapixels, the limit is ${maxPixels / 1e6}`,
      { width: meta.width, height, max_pixels: maxPixels },
    );
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  const originalWidth = rotated ? height : meta.width;
  const originalHeight = rotated ? meta.width : height;
  try {
    let pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    if (Math.max(originalWidth, originalHeight) > maxSide) {
      pipeline = pipeline.resize({ width: maxSide, height: maxSide, fit: 'inside' });
    }
    if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#000000' });
    const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new InvalidImageError();
    const image = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
    return { ...image, originalWidth, originalHeight, scale: originalWidth / info.width };
  } catch (error) {
    if (error instanceof InvalidImageError) throw error;
    throw new InvalidImageError('The image could not be decoded: it is truncated or corrupt');
  }
}
