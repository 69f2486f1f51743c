import { captureJpeg, openCamera, stopCamera } from './camera';
import { CUES, performChallenge, Stage } from './guided-steps';
import { fill, Words } from './i18n';
import { postAttempt } from './login-client';
import { AttemptOutcome, StartOutcome, tokenSubject } from './login-result';
import { Modal, openModal } from './modal';
import { Challenge, LoginResult, Session, WidgetError } from './types';

export interface FlowCallbacks {
  success(result: LoginResult): void;
  error(error: WidgetError): void;
  cancel(): void;
}

const COUNTDOWN_SECONDS = 3;
const SUCCESS_VISIBLE_MS = 1200;

/**
 * One login: camera preview (while the session is being started), then, with active liveness, the
 * challenge's prompts one at a time and the attempt on the frames sent; with liveness off, a countdown and
 * one frame. A refusal with attempts left offers "Try again" (on the fresh challenge); a match reports the
 * token and closes; any other failure is reported, stays on screen and releases the camera. The camera is
 * also released on every way out (close, Escape). Closing before a result was reported is a cancel.
 */
export function runLogin(apiOrigin: string, starting: Promise<StartOutcome>, words: Words, callbacks: FlowCallbacks, onEnd: () => void): void {
  const w = words;
  let stream: MediaStream | null = null;
  let closed = false;
  let reported = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The challenge of the next attempt (active liveness), and the step to send next. */
  let challenge: Challenge | null = null;
  let nextStep = 0;

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
    modal.setPrompt('', '');
    modal.setStatus(error.message, 'err');
    modal.setAction('hidden');
    callbacks.error(error);
  };

  const finish = (session: Session, outcome: AttemptOutcome) => {
    if (closed) return;
    if (outcome.kind === 'success') {
      reported = true;
      stopCamera(stream);
      modal.setPrompt(w.signedIn, '');
      modal.setStatus(w.signedIn, 'ok');
      callbacks.success({ token: outcome.token, user_id: session.user_id || tokenSubject(outcome.token), session_id: session.session_id });
      timer = setTimeout(close, SUCCESS_VISIBLE_MS);
    } else if (outcome.kind === 'retry') {
      challenge = outcome.challenge;
      nextStep = 0;
      modal.setPrompt('', '');
      modal.setStatus(`${outcome.error.message} (${outcome.attemptsLeft === 1 ? w.try1 : fill(w.tries, { n: outcome.attemptsLeft })})`, 'err');
      modal.setAction('on', w.again);
    } else fail(outcome.error, outcome.detail);
  };

  const stage: Stage = { apiOrigin, modal: null as unknown as Modal, words: w, closed: () => closed };

  const guided = async (session: Session, current: Challenge) => {
    const stopped = await performChallenge(stage, session, current, nextStep);
    if (closed) return;
    if (stopped) return fail(stopped.error, stopped.detail);
    finish(session, await postAttempt(apiOrigin, session, null, w, current));
  };

  const shoot = async (session: Session) => {
    modal.setCountdown(null);
    modal.setPrompt(w.checking, '');
    let frame: Blob;
    try {
      frame = await captureJpeg(modal.video, 1280);
    } catch (error) {
      return fail(error as WidgetError);
    }
    finish(session, await postAttempt(apiOrigin, session, frame, w));
  };

  const countdown = (session: Session, left: number) => {
    if (closed) return;
    if (left === 0) return void shoot(session);
    modal.setCountdown(left);
    modal.setPrompt(fill(w.hold, { n: left }));
    timer = setTimeout(() => countdown(session, left - 1), 1000);
  };

  const modal: Modal = openModal({
    title: w.login,
    words: w,
    onClose: close,
    onAction: async () => {
      modal.setAction('off');
      modal.setStatus('');
      const started = await starting;
      if (!started.ok) return fail(started.error, started.detail);
      if (challenge) void guided(started.session, challenge);
      else countdown(started.session, COUNTDOWN_SECONDS);
    },
  });
  stage.modal = modal;
  modal.setPrompt(w.camera);

  // A session that cannot start is reported at once, without waiting for the person to press Start.
  starting.then((started) => {
    if (!started.ok) return fail(started.error, started.detail);
    const liveness = started.session.liveness;
    if (liveness && liveness.mode === 'active' && liveness.challenge) {
      challenge = liveness.challenge;
      nextStep = liveness.next_step ?? 0;
    }
  });
  openCamera(w).then(
    (opened) => {
      stream = opened;
      if (closed || reported) return stopCamera(stream);
      modal.video.srcObject = stream;
      modal.video.onloadeddata = async () => {
        const started = await starting;
        if (reported || closed || !started.ok) return;
        // Active liveness starts with the person facing the camera in the oval; liveness off, with a countdown.
        modal.setPrompt(challenge ? w.ready : w.readyOne, challenge ? CUES.frontal : '');
        modal.setAction('on', challenge ? w.start : w.capture);
      };
    },
    (error: WidgetError) => fail(error),
  );
}
