import { AttemptOutcome, friendlyError, interpretAttempt, interpretStart, StartOutcome } from './login-result';
import { Session } from './types';

const TIMEOUT_MS = 30000;

/** A fetch to the API that never rejects: a network failure or a timeout answers status 0 and no body. */
async function call(url: string, init: RequestInit): Promise<{ status: number; body: any } | null> {
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

/** Starts a login with the publishable key. No `liveness` field: the server's default applies (a publishable key may not lower it). */
export async function startSession(apiOrigin: string, apiKey: string, userId: string, nonce?: string): Promise<StartOutcome> {
  const answer = await call(`${apiOrigin}/api/v1/login-sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify(nonce ? { user_id: userId, nonce } : { user_id: userId }),
  });
  return answer ? interpretStart(answer.status, answer.body) : { ok: false, error: friendlyError('NETWORK') };
}

/** One attempt: the captured frame as `frame0`, authorized by the session's client secret. */
export async function postAttempt(apiOrigin: string, session: Session, frame: Blob): Promise<AttemptOutcome> {
  const form = new FormData();
  form.append('frame0', frame, 'frame0.jpg');
  const answer = await call(`${apiOrigin}/api/v1/login-sessions/${encodeURIComponent(session.session_id)}/attempts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.client_secret}` },
    body: form,
  });
  return answer ? interpretAttempt(answer.status, answer.body) : { kind: 'fail', error: friendlyError('NETWORK') };
}
