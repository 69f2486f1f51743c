import { Session, WidgetError } from './types';

export type StartOutcome = { ok: true; session: Session } | { ok: false; error: WidgetError; detail?: string };

export type AttemptOutcome =
  | { kind: 'success'; token: string }
  /** The person may try again in the same session. */
  | { kind: 'retry'; error: WidgetError; attemptsLeft: number }
  | { kind: 'fail'; error: WidgetError; detail?: string };

type Json = Record<string, any> | null;

/** The widget's own words for API errors: people read them, so no codes, scores or key names. */
const FRIENDLY: Record<string, string> = {
  NETWORK: "We couldn't reach the sign-in service. Check your connection and try again.",
  SESSION_EXPIRED: 'This sign-in took too long and has expired. Please start again.',
  SESSION_CLOSED: 'This sign-in has already ended. Please start again.',
  LOGIN_LOCKED: 'Too many tries that did not match. Please wait a while, or use another way to sign in.',
  RATE_LIMIT: 'Sign-in is busy right now. Please try again in a moment.',
  SERVICE_UNAVAILABLE: 'Sign-in is busy right now. Please try again in a moment.',
  INVALID_IMAGE: "The camera picture couldn't be read. Please try again.",
  PAYLOAD_TOO_LARGE: "The camera picture couldn't be read. Please try again.",
};
const UNAVAILABLE = "Sign-in with your face isn't available right now. Please use another way to sign in.";

/** Codes that mean the page is set up wrongly (key, origin, session string): the developer gets the API's reason in the console. */
const SETUP_CODES = ['MISSING_API_KEY', 'INVALID_API_KEY', 'FORBIDDEN', 'VALIDATION_ERROR', 'INVALID_TOKEN', 'MONTHLY_LIMIT', 'NOT_FOUND'];

export function friendlyError(code: string): WidgetError {
  return { code, message: FRIENDLY[code] ?? UNAVAILABLE };
}

/** An API error envelope as a widget error, with the API's own message kept aside for the console when it is a setup problem. */
function apiError(status: number, body: Json): { error: WidgetError; detail?: string } {
  const error = body && body.success === false && body.error;
  if (!error || typeof error.code !== 'string') return { error: friendlyError('NETWORK'), detail: `unexpected HTTP ${status} from the API` };
  return { error: friendlyError(error.code), detail: SETUP_CODES.includes(error.code) ? `${error.code}: ${error.message}` : undefined };
}

/** POST /api/v1/login-sessions: 201 with the session, or an error envelope. */
export function interpretStart(status: number, body: Json): StartOutcome {
  if (status === 201 && body && body.success === true && body.session_id && body.client_secret) {
    return { ok: true, session: { session_id: body.session_id, client_secret: body.client_secret, user_id: body.user_id } };
  }
  return { ok: false, ...apiError(status, body) };
}

/** POST /api/v1/login-sessions/{id}/attempts: a match with its token, a miss with the API's message for people, or an error. */
export function interpretAttempt(status: number, body: Json): AttemptOutcome {
  if (status === 200 && body && body.success === true) {
    if (body.match === true && typeof body.token === 'string') return { kind: 'success', token: body.token };
    const left = Number(body.attempts_left) || 0;
    const error = { code: String(body.status || 'no_match').toUpperCase(), message: String(body.message || FRIENDLY.SESSION_CLOSED) };
    return left > 0 ? { kind: 'retry', error, attemptsLeft: left } : { kind: 'fail', error };
  }
  return { kind: 'fail', ...apiError(status, body) };
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
