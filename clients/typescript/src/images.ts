/** A photo to upload: a file path (Node.js), the file's bytes, or a Blob / File (browser or Node.js). */
export type ImageInput = string | Uint8Array | ArrayBuffer | Blob;

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/webp', (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'],
];
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

function sniffType(bytes: Uint8Array): string {
  return SIGNATURES.find(([, test]) => test(bytes))?.[0] ?? 'application/octet-stream';
}

function fromBytes(bytes: Uint8Array, filename?: string): File {
  const type = sniffType(bytes);
  // A copy: a File part must be backed by a plain ArrayBuffer, and the caller may reuse its buffer.
  return new File([new Uint8Array(bytes)], filename ?? `photo.${EXTENSIONS[type] ?? 'bin'}`, { type });
}

/** The upload part of one photo. Paths are read with node:fs, so they work in Node.js only. */
export async function toImageFile(image: ImageInput): Promise<Blob> {
  if (typeof image === 'string') {
    const [{ readFile }, { basename }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    return fromBytes(await readFile(image), basename(image));
  }
  if (image instanceof Blob) return image;
  if (image instanceof ArrayBuffer) return fromBytes(new Uint8Array(image));
  if (image instanceof Uint8Array) return fromBytes(image);
  throw new TypeError('image must be a file path, a Buffer / Uint8Array / ArrayBuffer, or a Blob');
}

/** The multipart body of an upload route: strings and files, undefined fields left out. */
export function toFormData(fields: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, value);
  }
  return form;
}
