import type { Words } from './i18n';
import { WidgetError } from './types';

/** Maps a getUserMedia rejection to the widget's codes: refused by the user or the browser, or no usable camera. */
export function cameraError(err: unknown, w: Words): WidgetError {
  const name = (err as DOMException | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return { code: 'CAMERA_DENIED', message: w.CAMERA_DENIED };
  return { code: 'NO_CAMERA', message: name === 'NotReadableError' ? w.CAMERA_BUSY : w.NO_CAMERA };
}

/** Opens the front camera; rejects with a WidgetError. */
export async function openCamera(w: Words): Promise<MediaStream> {
  // mediaDevices is absent on insecure (non-HTTPS) pages and in browsers without camera support.
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw { code: 'NO_CAMERA', message: w.NO_HTTPS } as WidgetError;
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
  } catch (err) {
    throw cameraError(err, w);
  }
}

/** Releases the camera: the browser's "in use" indicator goes off once every track has ended. */
export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** Mean grey level under which a captured frame is black: a camera's first frames, a video frame not yet drawn. */
const BLACK = 8;

/** Whether the canvas is black: the mean of a 16 x 12 grid of its pixels. */
export function isBlack(context: Pick<CanvasRenderingContext2D, 'getImageData'>, width: number, height: number): boolean {
  const data = context.getImageData(0, 0, width, height).data;
  let sum = 0;
  for (let gy = 0; gy < 12; gy++) {
    for (let gx = 0; gx < 16; gx++) {
      const i = 4 * (Math.floor(((gy + 0.5) * height) / 12) * width + Math.floor(((gx + 0.5) * width) / 16));
      sum += (data[i] + data[i + 1] + data[i + 2]) / 3;
    }
  }
  return sum / 192 < BLACK;
}

/**
 * One frame of the preview as a JPEG, unmirrored, at most maxSide pixels on its longer side (small: a few per step).
 * A black frame is drawn again, for up to 2 s: Chromium's camera gave some under load, and real cameras do as they
 * start; such a frame is worth nothing to the server.
 */
export async function captureJpeg(video: HTMLVideoElement, maxSide = 640): Promise<Blob> {
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true } as CanvasRenderingContext2DSettings)!;
  for (let tries = 0; tries < 20; tries++) {
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    if (!isBlack(context, canvas.width, canvas.height)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject({ code: 'NO_CAMERA', message: 'Could not read a frame from the camera' })), 'image/jpeg', 0.88),
  );
}
