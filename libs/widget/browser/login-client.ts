import type { Words } from './i18n';
import { AttemptOutcome, apiError, friendlyError, interpretAttempt, interpretChallenge, interpretStart, StartOutcome } from './login-result';
import { Challenge, Session, WidgetError } from './types';

const TIMEOUT_MS = 30000;

export type Answer = { status: number; body: any } | null;

/** A fetch to the API that never rejects: a network failure or a timeout answers null. */
export async function call(url: string, init: RequestInit): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, signal: abort.signal, credentials: 'omit' });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const sessionUrl = (apiOrigin: string, session: Session, tail: string) => `${apiOrigin}/api/v1/login-sessions/${encodeURIComponent(session.session_id)}/${tail}`;

/** Starts a login with the publishable key. No `liveness` field: the server's default applies (a publishable key may not lower it). */
export async function startSession(apiOrigin: string, apiKey: string, userId: string, nonce: string | undefined, w: Words): Promise<StartOutcome> {
  const answer = await call(`${apiOrigin}/api/v1/login-sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify(nonce ? { user_id: userId, nonce } : { user_id: userId }),
  });
  return answer ? interpretStart(answer.status, answer.body, w) : { ok: false, error: friendlyError('NETWORK', w) };
}

/** The liveness mode and challenge of a session the site's backend started (the widget only has its id and secret). */
export async function loadChallenge(apiOrigin: string, session: Session, w: Words): Promise<StartOutcome> {
  const answer = await call(sessionUrl(apiOrigin, session, 'challenge'), { headers: bearer(session.client_secret) });
  return answer ? interpretChallenge(session, answer.status, answer.body, w) : { ok: false, error: friendlyError('NETWORK', w) };
}

/** The frames of one challenge step, as frame0, frame1, ...; resolves with an error when the API refused them. */
export async function postFrames(apiOrigin: string, session: Session, step: number, frames: Blob[], w: Words): Promise<{ error: WidgetError; detail?: string } | null> {
  const form = new FormData();
  form.append('step', String(step));
  frames.forEach((frame, i) => form.append(`frame${i}`, frame, `frame${i}.jpg`));
  const answer = await call(sessionUrl(apiOrigin, session, 'frames'), { method: 'POST', headers: bearer(session.client_secret), body: form });
  if (answer && answer.status === 200) return null;
  return answer ? apiError(answer.status, answer.body, w) : { error: friendlyError('NETWORK', w) };
}

/** One attempt: the captured frame as `frame0` (liveness off), or none once every step's frames are in (active). */
export async function postAttempt(apiOrigin: string, session: Session, frame: Blob | null, w: Words, challenge?: Challenge): Promise<AttemptOutcome> {
  let body: FormData | string = '{}';
  const headers: Record<string, string> = bearer(session.client_secret);
  if (frame) {
    body = new FormData();
    body.append('frame0', frame, 'frame0.jpg');
  } else headers['Content-Type'] = 'application/json';
  const answer = await call(sessionUrl(apiOrigin, session, 'attempts'), { method: 'POST', headers, body });
  return answer ? interpretAttempt(answer.status, answer.body, w, challenge) : { kind: 'fail', error: friendlyError('NETWORK', w) };
}
