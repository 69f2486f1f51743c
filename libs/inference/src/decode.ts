import { InvalidImageError } from '@faceauth/common';
import * as turbo from '@julusian/jpeg-turbo';
import sharp from 'sharp';
import { RawImage } from './image';
import { parseJpegHeader } from './jpeg-header';
import { OrientedImage } from './oriented-image';
import { Scratch } from './scratch';

const FORMATS = new Set(['jpeg', 'png', 'webp']);

/** Detection needs no more than this on the longer side: the detector sees the photo at ~213 px. */
const DETECTION_SIDE = 640;
/** Eye distance (px) from which the 112x112 aligned crop (35 px between the eyes) is as sharp as it gets. */
export const SHARP_EYE_PX = 32;
/** Never decode more than this on the longer side, however small the face: bounds memory per image. */
const MAX_DECODE_SIDE = 4096;
/**
 * A Huffman-coded JPEG spends at least one bit on every 8x8 block of its largest component, so a byte holds at
 * most 512 pixels (a blank photo from libjpeg holds ~250); this allows twice that. A header that declares
 * more is lying about its size and is refused before any buffer is sized from it.
 */
const MAX_JPEG_PIXELS_PER_BYTE = 1024;

export interface ImageHeader {
  format: string;
  /** Size after EXIF orientation. */
  originalWidth: number;
  originalHeight: number;
  hasAlpha: boolean;
  /**
   * A plain 8-bit JPEG (grey or YCbCr, no ICC profile or an sRGB one) with this EXIF orientation: at full
   * size it is decoded by libjpeg-turbo directly (see decodeAt). Null for everything else.
   */
  plainJpegOrientation: number | null;
}

export interface DecodedImage {
  /** The pixels, read upright. */
  image: OrientedImage;
  /** Size after EXIF orientation, before any shrink. */
  originalWidth: number;
  originalHeight: number;
  /** Original pixels per decoded pixel (>= 1). */
  scale: number;
}

/**
 * Reads the header only: JPEG, PNG or WebP, at most `maxPixels` (a decompression bomb is refused before any
 * pixel is decoded). Anything else is an InvalidImageError.
 */
export async function readHeader(input: Buffer, maxPixels: number): Promise<ImageHeader> {
  const header = jpegHeader(input) ?? (await sharpHeader(input));
  const pixels = header.originalWidth * header.originalHeight;
  if (pixels > maxPixels) {
    throw new InvalidImageError(
      `Image too large: ${(pixels / 1e6).toFixed(1)} megapixels, the limit is ${maxPixels / 1e6}`,
      { width: header.originalWidth, height: header.originalHeight, max_pixels: maxPixels },
    );
  }
  return header;
}

/**
 * The header of a plain JPEG read in JavaScript (microseconds, no trip to sharp's thread pool), else null.
 * A Huffman-coded JPEG whose frame declares more pixels than its bytes can hold is an InvalidImageError.
 */
function jpegHeader(input: Buffer): ImageHeader | null {
  const jpeg = parseJpegHeader(input);
  if (jpeg && !jpeg.arithmetic && jpeg.width * jpeg.height > input.length * MAX_JPEG_PIXELS_PER_BYTE) {
    throw new InvalidImageError('The JPEG header declares more pixels than its data can hold', {
      width: jpeg.width,
      height: jpeg.height,
      bytes: input.length,
    });
  }
  if (!jpeg || jpeg.arithmetic || jpeg.precision !== 8 || (jpeg.components !== 1 && jpeg.components !== 3) || jpeg.iccProfile === 'other') return null;
  const rotated = jpeg.orientation >= 5;
  return {
    format: 'jpeg',
    originalWidth: rotated ? jpeg.height : jpeg.width,
    originalHeight: rotated ? jpeg.width : jpeg.height,
    hasAlpha: false,
    plainJpegOrientation: jpeg.orientation,
  };
}

async function sharpHeader(input: Buffer): Promise<ImageHeader> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new InvalidImageError();
  }
  if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) throw new InvalidImageError();
  const height = meta.pageHeight ?? meta.height;
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    format: meta.format,
    originalWidth: rotated ? height : meta.width,
    originalHeight: rotated ? meta.width : height,
    hasAlpha: !!meta.hasAlpha,
    plainJpegOrientation: null,
  };
}

/**
 * The shrink to detect at: the largest of 4 or 8 that keeps the longer side >= 640 px, else 1 (full size).
 * sharp decodes a JPEG at 1/2, 1/4 or 1/8 directly (shrink-on-load) only when the requested reduction is at
 * least twice that, so halving alone would cost a full decode plus a resize: 2 is never worth it here.
 */
export function detectionShrink(header: ImageHeader): number {
  const side = Math.max(header.originalWidth, header.originalHeight);
  if (side / 8 >= DETECTION_SIDE) return 8;
  if (side / 4 >= DETECTION_SIDE) return 4;
  return 1;
}

/**
 * The shrink to decode at for a sharp aligned crop, given the eye distance found at `shrink`: the largest
 * power of two that keeps >= SHARP_EYE_PX between the eyes (and the longer side <= 4096).
 */
export function alignmentShrink(header: ImageHeader, shrink: number, eyePx: number): number {
  const side = Math.max(header.originalWidth, header.originalHeight);
  const eyeOriginal = eyePx * shrink;
  let best = shrink;
  while (best > 1 && eyeOriginal / best < SHARP_EYE_PX) best /= 2;
  while (side / best > MAX_DECODE_SIDE) best *= 2;
  return Math.min(best, shrink);
}

/**
 * Decodes at 1/shrink of the oriented size: EXIF orientation applied (by sharp, or by whatever reads the
 * pixels of a plain JPEG), first frame of an animation, alpha flattened onto black, RGB out. A JPEG shrunk by
 * 2, 4 or 8 is decoded at that size directly (shrink-on-load), several times faster than decoding it whole.
 * `scratch` lends the memory for a plain JPEG. Corrupt or truncated data is an InvalidImageError.
 */
export async function decodeAt(input: Buffer, header: ImageHeader, shrink: number, maxPixels: number, scratch?: Scratch): Promise<DecodedImage> {
  const { originalWidth, originalHeight } = header;
  if (shrink === 1 && header.plainJpegOrientation !== null) {
    const bytes = originalWidth * originalHeight * 3;
    const pixels = decodePlainJpeg(input, scratch?.pixels(bytes) ?? Buffer.allocUnsafe(bytes));
    const image = pixels && new OrientedImage(pixels, header.plainJpegOrientation);
    // The decoder reads the frame size itself: anything but the size the header check saw goes to sharp.
    if (image && image.width === originalWidth && image.height === originalHeight) return { image, originalWidth, originalHeight, scale: 1 };
  }
  try {
    let pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    if (shrink > 1) {
      const width = Math.max(1, Math.round(originalWidth / shrink));
      const height = Math.max(1, Math.round(originalHeight / shrink));
      pipeline = pipeline.resize(width, height, { fit: 'fill' });
    }
    if (header.hasAlpha) pipeline = pipeline.flatten({ background: '#000000' });
    const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new InvalidImageError();
    const pixels = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
    return { image: new OrientedImage(pixels), originalWidth, originalHeight, scale: originalWidth / info.width };
  } catch (error) {
    if (error instanceof InvalidImageError) throw error;
    throw new InvalidImageError('The image could not be decoded: it is truncated or corrupt');
  }
}

/**
 * A plain JPEG at full size through libjpeg-turbo, as stored (the orientation is applied by whatever reads
 * it): ~1 ms for 640x480 where a trip through sharp costs 3-5 ms, nearly all of it pipeline overhead
 * (docs/performance.md). Into `out`, sized from the checked header: a frame that does not fit is refused, so
 * the decoder never allocates. Null when it fails (truncated or corrupt data, an exotic variant): sharp decides.
 */
function decodePlainJpeg(input: Buffer, out: Buffer): RawImage | null {
  let decoded: turbo.DecompressReturn;
  try {
    decoded = turbo.decompressSync(input, out, { format: turbo.FORMAT_RGB });
  } catch {
    return null;
  }
  const { data, width, height } = decoded;
  if (data.length !== width * height * 3) return null;
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height, channels: 3 };
}

/** Header check and a decode at the given shrink (1 = full size) in one call. */
export async function decodeImage(input: Buffer, maxPixels: number, shrink = 1): Promise<DecodedImage> {
  const header = await readHeader(input, maxPixels);
  return decodeAt(input, header, shrink, maxPixels);
}
