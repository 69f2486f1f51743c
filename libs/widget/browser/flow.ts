import { captureJpeg, openCamera, stopCamera } from './camera';
import { Modal, openModal } from './modal';
import { VerifyBody, WidgetConfig, WidgetError } from './types';
import { verifyFace } from './verify-client';

export interface FlowCallbacks {
  success(body: VerifyBody): void;
  error(error: WidgetError): void;
}

const COUNTDOWN_SECONDS = 3;
const RESULT_VISIBLE_MS = 1800;

/**
 * One sign-in attempt: camera preview, countdown, one captured frame, verify, result shown briefly, then closed.
 * The camera is released as soon as the frame is taken, and on every way out (close, Escape, error).
 * Closing before a frame was taken is a cancel and reports nothing.
 */
export function runSignIn(config: WidgetConfig, callbacks: FlowCallbacks, onEnd: () => void): void {
  let stream: MediaStream | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    stopCamera(stream);
    modal.remove();
    onEnd();
  };

  const finish = (report: () => void, text: string, tone: 'ok' | 'err') => {
    modal.setCountdown(null);
    modal.setStatus(text, tone);
    report();
    if (!closed) timer = setTimeout(close, RESULT_VISIBLE_MS);
  };
  const fail = (error: WidgetError) => finish(() => callbacks.error(error), error.message, 'err');

  const shoot = async () => {
    modal.setCountdown(null);
    modal.setStatus('Checking your face…');
    let image: Blob;
    try {
      image = await captureJpeg(modal.video);
    } catch (error) {
      return fail(error as WidgetError);
    } finally {
      stopCamera(stream);
    }
    const outcome = await verifyFace(config, image);
    if (outcome.ok) finish(() => callbacks.success(outcome.body), 'Verified', 'ok');
    else fail(outcome.error);
  };

  const countdown = (left: number) => {
    if (closed) return;
    if (left === 0) return void shoot();
    modal.setCountdown(left);
    modal.setStatus(`Hold still: ${left}`);
    timer = setTimeout(() => countdown(left - 1), 1000);
  };

  const modal: Modal = openModal({
    onClose: close,
    onCapture: () => {
      modal.setCaptureEnabled(false);
      countdown(COUNTDOWN_SECONDS);
    },
  });
  modal.setStatus('Starting the camera…');

  openCamera().then(
    (opened) => {
      stream = opened;
      if (closed) return stopCamera(stream);
      modal.video.srcObject = stream;
      modal.video.onloadeddata = () => {
        modal.setStatus('Look at the camera, then press Capture.');
        modal.setCaptureEnabled(true);
      };
    },
    (error: WidgetError) => {
      if (!closed) fail(error);
    },
  );
}
