/** What POST /api/v1/login-sessions/confirm answers for a valid token. */
export interface Confirmation {
  valid: true;
  user_id: string;
  session_id: string;
  nonce: string | null;
  verified_at: string;
  /** Whether the login passed active liveness (null: the session ran with liveness off). */
  liveness: { mode: string; passed: boolean | null };
}

export type ApiAnswer<T> = { ok: true; body: T } | { ok: false; status: number; code: string };

/** The two FaceAuth calls a site's backend makes, with the secret key (never sent to a browser, never logged). */
export class FaceAuthBackend {
  constructor(
    private readonly apiUrl: string,
    private readonly secretKey: string,
  ) {}

  /** Starts a login for the user, bound to the browser's flow by the nonce. */
  startLogin(userId: string, nonce: string): Promise<ApiAnswer<{ session_id: string; client_secret: string }>> {
    return this.post('/api/v1/login-sessions', { user_id: userId, nonce });
  }

  /** Confirms a login token: valid once, for this account only. */
  confirmLogin(token: string): Promise<ApiAnswer<Confirmation>> {
    return this.post('/api/v1/login-sessions/confirm', { token });
  }

  private async post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    try {
      const res = await fetch(`${this.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': this.secretKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15000),
      });
      const json = await res.json().catch(() => null);
      if (res.ok && json?.success) return { ok: true, body: json as T };
      return { ok: false, status: res.status, code: json?.error?.code ?? 'UNEXPECTED_RESPONSE' };
    } catch {
      return { ok: false, status: 0, code: 'UNREACHABLE' };
    }
  }
}
