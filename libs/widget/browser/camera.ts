import { WidgetError } from './types';

/** Maps a getUserMedia rejection to the widget's codes: refused by the user or the browser, or no usable camera. */
export function cameraError(err: unknown): WidgetError {
  const name = (err as DOMException | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return { code: 'CAMERA_DENIED', message: 'Camera access was refused' };
  }
  if (name === 'NotReadableError') return { code: 'NO_CAMERA', message: 'The camera is in use by another program' };
  return { code: 'NO_CAMERA', message: 'No usable camera found' };
}

/** Opens the front camera; rejects with a WidgetError. */
export async function openCamera(): Promise<MediaStream> {
  // mediaDevices is absent on insecure (non-HTTPS) pages and in browsers without camera support.
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw { code: 'NO_CAMERA', message: 'Camera not available (the page must use HTTPS)' } as WidgetError;
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
  } catch (err) {
    throw cameraError(err);
  }
}

/** Releases the camera: the browser's "in use" indicator goes off once every track has ended. */
export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

const MAX_SIDE = 1280;

/** One frame of the preview as a JPEG, unmirrored, at most MAX_SIDE pixels on its longer side. */
export function captureJpeg(video: HTMLVideoElement): Promise<Blob> {
  const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject({ code: 'NO_CAMERA', message: 'Could not read a frame from the camera' })), 'image/jpeg', 0.92),
  );
}
