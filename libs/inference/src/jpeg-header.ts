/** What the fast JPEG path needs to know before decoding: size, colour layout, orientation. */
export interface JpegHeader {
  width: number;
  height: number;
  /** Bits per sample (8 for nearly every photo; 12 and 16 exist). */
  precision: number;
  /** 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK/YCCK). */
  components: number;
  /** Arithmetic coding (SOF9..SOF15) rather than Huffman: its data can be far smaller than any Huffman bound. */
  arithmetic: boolean;
  /** EXIF orientation 1..8 (1 when absent or unreadable). */
  orientation: number;
  /**
   * The embedded ICC profile (APP2 ICC_PROFILE): 'none', 'srgb' (its description names sRGB, as cameras and
   * editors write it: the pixels are already sRGB) or 'other' (Adobe RGB, Display P3...: they need a
   * colour-managed decode).
   */
  iccProfile: 'none' | 'srgb' | 'other';
}

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const APP2 = 0xe2;
const ORIENTATION_TAG = 0x0112;
const ICC_PREFIX = 'ICC_PROFILE\0';

/** SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Reads the markers up to the first scan. Returns null for anything it cannot vouch for (not a JPEG, a
 * malformed or truncated header, a zero height to be defined later by DNL): the caller then asks sharp.
 * Every read is bounds-checked, so hostile bytes cannot make it throw or loop.
 */
export function parseJpegHeader(data: Uint8Array): JpegHeader | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== SOI) return null;
  let orientation = 1;
  let iccProfile: JpegHeader['iccProfile'] = 'none';
  let pos = 2;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return null;
    const marker = data[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === SOS || marker === EOI) return null; // no frame header before the image data
    const length = (data[pos + 2] << 8) | data[pos + 3];
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > data.length) return null;
    if (marker === APP1) orientation = readExifOrientation(data, start, end) ?? orientation;
    else if (marker === APP2 && hasPrefix(data, start, end, ICC_PREFIX)) {
      // Chunk 1 holds the profile header and tag table; later chunks only continue the data.
      if (data[start + ICC_PREFIX.length] <= 1) iccProfile = describesSrgb(data, start + ICC_PREFIX.length + 2, end) ? 'srgb' : 'other';
    }
    else if (isStartOfFrame(marker)) {
      if (end - start < 6) return null;
      const height = (data[start + 1] << 8) | data[start + 2];
      const width = (data[start + 3] << 8) | data[start + 4];
      if (width === 0 || height === 0) return null;
      return { width, height, precision: data[start], components: data[start + 5], arithmetic: marker >= 0xc9, orientation, iccProfile };
    }
    pos = end;
  }
  return null;
}

function hasPrefix(data: Uint8Array, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[start + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Whether the ICC profile at [start, end) has a 'desc' tag whose text contains "sRGB" (v2 'desc' or v4 'mluc'). */
function describesSrgb(data: Uint8Array, start: number, end: number): boolean {
  const u32 = (at: number) => data[at] * 16777216 + ((data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]);
  if (start + 132 > end) return false;
  const tags = u32(start + 128);
  for (let i = 0; i < tags; i++) {
    const entry = start + 132 + i * 12;
    if (entry + 12 > end) return false;
    if (!hasPrefix(data, entry, entry + 4, 'desc')) continue;
    const from = start + u32(entry + 4);
    const to = Math.min(end, from + u32(entry + 8));
    // The text is ASCII (v2) or UTF-16BE (v4): look for the letters with or without zero bytes between them.
    let text = '';
    for (let at = from; at < to; at++) if (data[at] >= 0x20 && data[at] < 0x7f) text += String.fromCharCode(data[at]);
    return text.includes('sRGB');
  }
  return false;
}

/** The Orientation tag of IFD0 in an APP1 Exif segment [start, end), or null. */
function readExifOrientation(data: Uint8Array, start: number, end: number): number | null {
  if (!hasPrefix(data, start, end, 'Exif\0\0')) return null;
  const tiff = start + 6;
  if (tiff + 8 > end) return null;
  const little = data[tiff] === 0x49 && data[tiff + 1] === 0x49; // "II"
  if (!little && !(data[tiff] === 0x4d && data[tiff + 1] === 0x4d)) return null; // nor "MM"
  const u16 = (at: number) => (little ? data[at] | (data[at + 1] << 8) : (data[at] << 8) | data[at + 1]);
  const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  if (u16(tiff + 2) !== 42) return null;
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}
