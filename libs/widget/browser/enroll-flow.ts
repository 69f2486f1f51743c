import { captureJpeg, openCamera, stopCamera } from './camera';
import { CUES } from './guided-steps';
import { Words } from './i18n';
import { call } from './login-client';
import { apiError } from './login-result';
import { openModal } from './modal';
import { moved, settled, sleep } from './motion';
import { EnrollResult, Session, WidgetError } from './types';

/** The three photos of POST /enroll-sessions, in the server's order. */
const POSES = ['frontal', 'slight_left', 'slight_right'] as const;
const AUTO_RETRIES = 2;
const DONE_VISIBLE_MS = 1200;

type PhotoAnswer =
  | { kind: 'kept'; next: number | null; result?: EnrollResult }
  /** Refused for what the person can fix (pose, light, one face): try the step again. */
  | { kind: 'refused'; message: string; restart: boolean }
  | { kind: 'fail'; error: WidgetError; detail?: string };

async function postPhoto(apiOrigin: string, session: Session, step: number, photo: Blob, w: Words): Promise<PhotoAnswer> {
  const form = new FormData();
  form.append('step', String(step));
  form.append('photo', photo, `photo${step}.jpg`);
  const url = `${apiOrigin}/api/v1/enroll-sessions/${encodeURIComponent(session.session_id)}/photos`;
  const answer = await call(url, { method: 'POST', headers: { Authorization: `Bearer ${session.client_secret}` }, body: form });
  const body = answer?.body;
  if (answer?.status === 200 && body?.success) {
    const done = body.status === 'enrolled' && body.enrolled;
    return { kind: 'kept', next: body.next_step ?? null, result: done ? { user_id: body.enrolled.external_user_id, session_id: session.session_id, samples: body.enrolled.samples } : undefined };
  }
  if (answer?.status === 422 && body?.error) {
    const code = body.error.code;
    return { kind: 'refused', message: (w as Record<string, string>)[code] ?? String(body.error.message), restart: code === 'ENROLL_MISMATCH' };
  }
  return { kind: 'fail', ...apiError(answer?.status ?? 0, body ?? null, w) };
}

/**
 * Guided enrollment: facing the camera, then turned a little left, then right; each photo sent when taken
 * and checked by the server (one face, sharpness, light, pose) before it is kept. A refused photo is
 * retaken after its prompt; the third kept photo enrolls the user.
 */
export function runEnroll(apiOrigin: string, session: Session, w: Words, onEnd: () => void): Promise<EnrollResult> {
  return new Promise((resolve, reject) => {
    let stream: MediaStream | null = null;
    let closed = false;
    let settledOutcome = false;
    let step = 0;
    let retries = 0;
    const isClosed = () => closed;

    const close = () => {
      if (closed) return;
      closed = true;
      stopCamera(stream);
      modal.remove();
      onEnd();
      if (!settledOutcome) reject({ code: 'CANCELLED', message: w.close });
    };
    const fail = (error: WidgetError, detail?: string) => {
      if (closed || settledOutcome) return;
      settledOutcome = true;
      stopCamera(stream);
      if (detail) console.error(`FaceAuth widget: the enrollment could not run (${detail})`);
      modal.setPrompt('', '');
      modal.setStatus(error.message, 'err');
      modal.setAction('hidden');
      reject(error);
    };

    const run = async () => {
      while (!closed && !settledOutcome) {
        const pose = POSES[step];
        modal.setPrompt(w[pose], CUES[pose] ?? '');
        // The first photo is taken once the person holds still; the turned ones once the head has moved and stopped.
        if (step > 0 && retries === 0) await moved(modal.video, 5000, isClosed);
        await settled(modal.video, 1500, isClosed);
        if (closed) return;
        let photo: Blob;
        try {
          photo = await captureJpeg(modal.video, 1280);
        } catch (error) {
          return fail(error as WidgetError);
        }
        modal.setStatus(w.checking);
        const answer = await postPhoto(apiOrigin, session, step, photo, w);
        if (closed) return;
        if (answer.kind === 'fail') return fail(answer.error, answer.detail);
        if (answer.kind === 'kept') {
          modal.setStatus('');
          retries = 0;
          if (answer.result) {
            settledOutcome = true;
            stopCamera(stream);
            modal.setPrompt(w.enrolled, '');
            modal.setStatus(w.enrolled, 'ok');
            resolve(answer.result);
            setTimeout(close, DONE_VISIBLE_MS);
            return;
          }
          step = answer.next ?? step + 1;
          continue;
        }
        modal.setStatus(answer.message, 'err');
        if (answer.restart) step = 0;
        // A refused photo is retaken after a moment; after a few, the person says when they are ready.
        if (++retries > AUTO_RETRIES) {
          retries = 0;
          modal.setAction('on', w.again);
          return;
        }
        await sleep(2000);
      }
    };

    const modal = openModal({
      title: w.enroll,
      words: w,
      onClose: close,
      onAction: () => {
        modal.setAction('off');
        void run();
      },
    });
    modal.setPrompt(w.camera);
    openCamera(w).then(
      (opened) => {
        stream = opened;
        if (closed) return stopCamera(stream);
        modal.video.srcObject = stream;
        modal.video.onloadeddata = () => {
          if (closed || settledOutcome) return;
          modal.setPrompt(w.ready, '');
          modal.setAction('on', w.start);
        };
      },
      (error: WidgetError) => fail(error),
    );
  });
}
