// Light client-side checks on the preview, with no model download: a small grey thumbnail of the oval's
// area tells movement (frame difference), stillness and darkness; the browser's own FaceDetector, where it
// exists, tells whether one face is there and big enough. They only guide the person and pace the capture:
// the server decides on the frames.

const W = 24;
const H = 18;
/** Mean grey-level difference (0-255) from the step's first look that counts as the head having moved. */
const MOTION = 7;
/** Below this between two looks 100 ms apart the head has stopped. */
const STILL = 3;
const TICK_MS = 100;

export type Thumb = Uint8ClampedArray;

const canvas = document.createElement('canvas');
canvas.width = W;
canvas.height = H;
const context = canvas.getContext('2d', { willReadFrequently: true } as CanvasRenderingContext2DSettings)!;

/** Grey levels of the centre of the frame (where the oval is), W x H. */
export function look(video: HTMLVideoElement): Thumb {
  const w = video.videoWidth;
  const h = video.videoHeight;
  context.drawImage(video, w * 0.2, h * 0.1, w * 0.6, h * 0.8, 0, 0, W, H);
  const rgba = context.getImageData(0, 0, W, H).data;
  const grey = new Uint8ClampedArray(W * H);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgba[4 * i] * 3 + rgba[4 * i + 1] * 6 + rgba[4 * i + 2]) / 10;
  return grey;
}

export function difference(a: Thumb, b: Thumb): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

export const brightness = (t: Thumb) => t.reduce((s, v) => s + v, 0) / t.length;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the head moved away from how it looked at the call (true), or after timeoutMs (false).
 * `stop()` true ends the wait early (the dialog closed).
 */
export async function moved(video: HTMLVideoElement, timeoutMs: number, stop: () => boolean): Promise<boolean> {
  const base = look(video);
  for (const end = Date.now() + timeoutMs; Date.now() < end && !stop(); ) {
    await sleep(TICK_MS);
    if (difference(look(video), base) > MOTION) return true;
  }
  return false;
}

/** Resolves once the picture looks like `start` again (the head came back), or after timeoutMs. */
export async function returned(video: HTMLVideoElement, start: Thumb, timeoutMs: number, stop: () => boolean): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end && !stop(); await sleep(TICK_MS)) {
    if (difference(look(video), start) <= MOTION) return;
  }
}

/** Resolves once two consecutive looks barely differ (the head stopped), or after timeoutMs. */
export async function settled(video: HTMLVideoElement, timeoutMs: number, stop: () => boolean): Promise<void> {
  let previous = look(video);
  let calm = 0;
  for (const end = Date.now() + timeoutMs; Date.now() < end && !stop() && calm < 2; ) {
    await sleep(TICK_MS);
    const now = look(video);
    calm = difference(now, previous) < STILL ? calm + 1 : 0;
    previous = now;
  }
}

type Hint = 'dark' | 'noFace' | 'many' | 'closer' | null;

interface DetectedFace {
  boundingBox: DOMRectReadOnly;
}
declare const FaceDetector: { new (options?: { fastMode?: boolean; maxDetectedFaces?: number }): { detect(source: CanvasImageSource): Promise<DetectedFace[]> } } | undefined;
let detector: { detect(source: CanvasImageSource): Promise<DetectedFace[]> } | null | undefined;

/** What the person should fix before the picture is worth sending, or null. */
export async function hint(video: HTMLVideoElement): Promise<Hint> {
  if (brightness(look(video)) < 40) return 'dark';
  if (detector === undefined) detector = typeof FaceDetector === 'function' ? new FaceDetector({ fastMode: true, maxDetectedFaces: 3 }) : null;
  if (!detector) return null;
  try {
    const faces = await detector.detect(video);
    if (faces.length === 0) return 'noFace';
    if (faces.length > 1) return 'many';
    return faces[0].boundingBox.width < video.videoWidth * 0.2 ? 'closer' : null;
  } catch {
    return null;
  }
}
