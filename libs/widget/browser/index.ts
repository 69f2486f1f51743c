import { mountButton } from './button';
import { canOpen, parseSession, readConfig } from './config';
import { runEnroll } from './enroll-flow';
import { runLogin } from './flow';
import { Words, wordsFor } from './i18n';
import { loadChallenge, startSession } from './login-client';
import { friendlyError, StartOutcome } from './login-result';
import { EnrollResult, LoginResult, OpenOptions, WidgetConfig, WidgetError } from './types';

// Captured while the script runs: document.currentScript is null once execution has finished.
const script = document.currentScript as HTMLScriptElement | null;

const handlers = {
  success: [] as Array<(result: LoginResult) => void>,
  error: [] as Array<(error: WidgetError) => void>,
  cancel: [] as Array<() => void>,
};

/** Calls every handler; one that throws is reported to the console without stopping the others or the widget. */
function emit<T>(list: Array<(value: T) => void>, value: T): void {
  for (const handler of list) {
    try {
      handler(value);
    } catch (err) {
      setTimeout(() => {
        throw err;
      });
    }
  }
}

const complain = (message: string) => console.error(`FaceAuth widget: ${message}`);

let config: WidgetConfig | null = null;
try {
  config = readConfig(script);
} catch (err) {
  complain((err as Error).message);
}

const words = (): Words => wordsFor(config?.locale);

/** The session to use: the one given (its challenge read from the API), or one started now with the publishable key. */
function sessionFor(options: OpenOptions, cfg: WidgetConfig, w: Words): Promise<StartOutcome> {
  if (options.session) {
    const session = parseSession(options.session);
    if (session) return loadChallenge(cfg.apiOrigin, session, w);
    return Promise.resolve({ ok: false, error: friendlyError('VALIDATION_ERROR', w), detail: 'session must be "<session_id>:<client_secret>"' });
  }
  return startSession(cfg.apiOrigin, cfg.apiKey!, options.userId!, options.nonce, w);
}

let active = false;
/** Opens the login: with the options given, else with what the script tag says. */
function open(options?: OpenOptions): void {
  if (!config) return complain('not configured (see the error above): nothing was started');
  const chosen = options && (options.session || options.userId) ? options : config.defaults;
  if (!canOpen(chosen, config.apiKey)) {
    return complain('open() needs {session: "<session_id>:<client_secret>"}, or {userId} with a publishable key in data-api-key');
  }
  if (active) return;
  active = true;
  const w = words();
  runLogin(
    config.apiOrigin,
    sessionFor(chosen, config, w),
    w,
    {
      success: (result) => emit(handlers.success, result),
      error: (error) => emit(handlers.error, error),
      cancel: () => emit(handlers.cancel, undefined),
    },
    () => (active = false),
  );
}

/**
 * Enrollment through the widget: `session` is "<session_id>:<client_secret>" of POST /enroll-sessions (the
 * site's backend starts it for one user id). Resolves once the server kept the photos; rejects with
 * {code, message} (CANCELLED when the person closed the dialog).
 */
function enroll(options: { session: string }): Promise<EnrollResult> {
  const w = words();
  const session = options && typeof options.session === 'string' ? parseSession(options.session) : null;
  if (!config || !session) {
    complain('enroll() needs {session: "<session_id>:<client_secret>"} from POST /api/v1/enroll-sessions');
    return Promise.reject(friendlyError('VALIDATION_ERROR', w));
  }
  if (active) return Promise.reject(friendlyError('SESSION_CLOSED', w));
  active = true;
  return runEnroll(config.apiOrigin, session, w, () => (active = false));
}

(window as unknown as { FaceAuth: unknown }).FaceAuth = {
  onSuccess: (fn: (result: LoginResult) => void) => void handlers.success.push(fn),
  onError: (fn: (error: WidgetError) => void) => void handlers.error.push(fn),
  onCancel: (fn: () => void) => void handlers.cancel.push(fn),
  open,
  enroll,
};

// The button appears only when the tag names a login it can run; otherwise the page calls FaceAuth.open().
if (config && script && canOpen(config.defaults, config.apiKey)) mountButton(script, config.container, words().login, () => open());
