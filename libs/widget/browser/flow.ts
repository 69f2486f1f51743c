import { captureJpeg, openCamera, stopCamera } from './camera';
import { postAttempt } from './login-client';
import { StartOutcome, tokenSubject } from './login-result';
import { Modal, openModal } from './modal';
import { LoginResult, Session, WidgetError } from './types';

export interface FlowCallbacks {
  success(result: LoginResult): void;
  error(error: WidgetError): void;
  cancel(): void;
}

const COUNTDOWN_SECONDS = 3;
const SUCCESS_VISIBLE_MS = 1200;

/**
 * One login: camera preview (while the session is being started), countdown, one captured frame, the attempt.
 * A miss with attempts left keeps the preview and offers "Try again"; a match reports the token and closes;
 * any other failure is reported, stays on screen and releases the camera. The camera is also released on every
 * way out (close, Escape). Closing before a result was reported is a cancel.
 */
export function runLogin(apiOrigin: string, starting: Promise<StartOutcome>, callbacks: FlowCallbacks, onEnd: () => void): void {
  let stream: MediaStream | null = null;
  let closed = false;
  let reported = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    stopCamera(stream);
    modal.remove();
    onEnd();
    if (!reported) callbacks.cancel();
  };

  const fail = (error: WidgetError, detail?: string) => {
    if (closed || reported) return;
    reported = true;
    stopCamera(stream);
    if (detail) console.error(`FaceAuth widget: the login could not run (${detail})`);
    modal.setCountdown(null);
    modal.setStatus(error.message, 'err');
    modal.setCapture('hidden');
    callbacks.error(error);
  };

  const shoot = async (session: Session) => {
    modal.setCountdown(null);
    modal.setStatus('Checking your face…');
    let frame: Blob;
    try {
      frame = await captureJpeg(modal.video);
    } catch (error) {
      return fail(error as WidgetError);
    }
    const outcome = await postAttempt(apiOrigin, session, frame);
    if (closed) return;
    if (outcome.kind === 'success') {
      reported = true;
      stopCamera(stream);
      modal.setStatus('You are signed in.', 'ok');
      callbacks.success({ token: outcome.token, user_id: session.user_id || tokenSubject(outcome.token), session_id: session.session_id });
      timer = setTimeout(close, SUCCESS_VISIBLE_MS);
    } else if (outcome.kind === 'retry') {
      const tries = outcome.attemptsLeft === 1 ? '1 try left' : `${outcome.attemptsLeft} tries left`;
      modal.setStatus(`${outcome.error.message} (${tries})`, 'err');
      modal.setCapture('on', 'Try again');
    } else fail(outcome.error, outcome.detail);
  };

  const countdown = (session: Session, left: number) => {
    if (closed) return;
    if (left === 0) return void shoot(session);
    modal.setCountdown(left);
    modal.setStatus(`Hold still: ${left}`);
    timer = setTimeout(() => countdown(session, left - 1), 1000);
  };

  const modal: Modal = openModal({
    onClose: close,
    onCapture: async () => {
      modal.setCapture('off');
      const started = await starting;
      if (started.ok) countdown(started.session, COUNTDOWN_SECONDS);
      else fail(started.error, started.detail);
    },
  });
  modal.setStatus('Starting the camera…');

  // A session that cannot start is reported at once, without waiting for the person to press Capture.
  starting.then((started) => {
    if (!started.ok) fail(started.error, started.detail);
  });
  openCamera().then(
    (opened) => {
      stream = opened;
      if (closed || reported) return stopCamera(stream);
      modal.video.srcObject = stream;
      modal.video.onloadeddata = () => {
        if (reported) return;
        modal.setStatus('Look at the camera, then press Capture.');
        modal.setCapture('on');
      };
    },
    (error: WidgetError) => fail(error),
  );
}
