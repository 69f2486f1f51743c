import type { Words } from './i18n';
import { Challenge, Liveness, Session, WidgetError } from './types';

export type StartOutcome = { ok: true; session: Session } | { ok: false; error: WidgetError; detail?: string };

export type AttemptOutcome =
  | { kind: 'success'; token: string }
  /** The person may try again in the same session (with `challenge`, the fresh one of active liveness). */
  | { kind: 'retry'; error: WidgetError; attemptsLeft: number; challenge: Challenge | null }
  | { kind: 'fail'; error: WidgetError; detail?: string };

type Json = Record<string, any> | null;

/** Codes that mean the page is set up wrongly (key, origin, session string): the developer gets the API's reason in the console. */
const SETUP_CODES = ['MISSING_API_KEY', 'INVALID_API_KEY', 'FORBIDDEN', 'VALIDATION_ERROR', 'INVALID_TOKEN', 'MONTHLY_LIMIT', 'NOT_FOUND'];

export function friendlyError(code: string, w: Words): WidgetError {
  return { code, message: (w as Record<string, string>)[code] ?? w.UNAVAILABLE };
}

/** An API error envelope as a widget error, with the API's own message kept aside for the console when it is a setup problem. */
export function apiError(status: number, body: Json, w: Words): { error: WidgetError; detail?: string } {
  const error = body && body.success === false && body.error;
  if (!error || typeof error.code !== 'string') return { error: friendlyError('NETWORK', w), detail: `unexpected HTTP ${status} from the API` };
  return { error: friendlyError(error.code, w), detail: SETUP_CODES.includes(error.code) ? `${error.code}: ${error.message}` : undefined };
}

/** `liveness` of a start or challenge answer. */
const livenessOf = (body: Record<string, any>): Liveness => ({
  mode: body.mode,
  challenge: body.challenge ?? null,
  next_step: body.next_step ?? 0,
});

/** POST /api/v1/login-sessions: 201 with the session, or an error envelope. */
export function interpretStart(status: number, body: Json, w: Words): StartOutcome {
  if (status === 201 && body && body.success === true && body.session_id && body.client_secret) {
    const session: Session = { session_id: body.session_id, client_secret: body.client_secret, user_id: body.user_id };
    if (body.liveness) session.liveness = livenessOf(body.liveness);
    return { ok: true, session };
  }
  return { ok: false, ...apiError(status, body, w) };
}

/** GET /api/v1/login-sessions/{id}/challenge: the mode and challenge of a session the site's backend started. */
export function interpretChallenge(session: Session, status: number, body: Json, w: Words): StartOutcome {
  if (status === 200 && body && body.success === true && body.mode) return { ok: true, session: { ...session, liveness: livenessOf(body) } };
  return { ok: false, ...apiError(status, body, w) };
}

/**
 * The widget's words for a refused attempt: the first failed liveness check by its name (movement_N by the
 * step's movement), a miss, else the API's message.
 */
function refusal(body: Record<string, any>, challenge: Challenge | undefined, w: Words): string {
  const words = w as Record<string, string>;
  const failed = (body.liveness?.checks ?? []).find((c: { passed: boolean }) => !c.passed);
  if (failed) {
    const step = /^movement_(\d+)$/.exec(failed.name);
    const name = step && challenge ? challenge.steps[Number(step[1]) - 1]?.movement : failed.name;
    if (words[`f_${name}`]) return words[`f_${name}`];
  }
  if (body.status === 'no_match' && body.attempts_left > 0) return w.no_match;
  return String(body.message || w.SESSION_CLOSED);
}

/** POST /api/v1/login-sessions/{id}/attempts: a match with its token, a refusal with words for people, or an error. */
export function interpretAttempt(status: number, body: Json, w: Words, challenge?: Challenge): AttemptOutcome {
  if (status === 200 && body && body.success === true) {
    if (body.match === true && typeof body.token === 'string') return { kind: 'success', token: body.token };
    const left = Number(body.attempts_left) || 0;
    const error = { code: String(body.status || 'no_match').toUpperCase(), message: refusal(body, challenge, w) };
    return left > 0 ? { kind: 'retry', error, attemptsLeft: left, challenge: body.liveness?.next_challenge ?? null } : { kind: 'fail', error };
  }
  return { kind: 'fail', ...apiError(status, body, w) };
}

/** The `sub` claim of a login token, read without verifying it: only to tell the page which user signed in. */
export function tokenSubject(token: string): string {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return String(JSON.parse(new TextDecoder().decode(bytes)).sub ?? '');
  } catch {
    return '';
  }
}
