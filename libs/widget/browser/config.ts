import { OpenOptions, Session, WidgetConfig } from './types';

const attr = (script: HTMLScriptElement, name: string) => script.getAttribute(`data-${name}`)?.trim() || undefined;

/** Reads the data-* attributes of the script tag; throws with what is wrong. */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  if (!script) throw new Error('load widget.js with a classic <script src> tag');
  const apiKey = attr(script, 'api-key') ?? null;
  if (apiKey && isSecretKey(apiKey)) {
    throw new Error(
      'data-api-key holds a SECRET key (fa_...), which can change your whole account: remove it from the page and rotate it. ' +
        'A web page may only hold a publishable key (fa_pub_..., from POST /api/v1/keys with kind "publishable"), or none at all ' +
        'when your backend starts the login session (data-session or FaceAuth.open({session})).',
    );
  }
  const session = attr(script, 'session');
  return {
    apiKey,
    defaults: session ? { session } : { userId: attr(script, 'user-id'), nonce: attr(script, 'nonce') },
    apiOrigin: new URL(script.src || location.href).origin,
    container: attr(script, 'container') ?? null,
    locale: attr(script, 'locale'),
  };
}

/** Secret keys are `fa_` + 43 characters; publishable ones `fa_pub_` + 43. */
export function isSecretKey(key: string): boolean {
  return key.startsWith('fa_') && !key.startsWith('fa_pub_');
}

/** Parses `<session_id>:<client_secret>`; null when it is not that shape. */
export function parseSession(value: string): Session | null {
  const [session_id, client_secret, extra] = value.trim().split(':');
  return session_id && client_secret && extra === undefined ? { session_id, client_secret } : null;
}

/** Whether these options name a login the widget can run, given the tag's key. */
export function canOpen(options: OpenOptions, apiKey: string | null): boolean {
  return Boolean(options.session || (options.userId && apiKey));
}
