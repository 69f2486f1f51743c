import { wordsFor } from './i18n';
import { interpretAttempt, interpretStart, tokenSubject } from './login-result';

const w = wordsFor('en', 'en');

const envelope = (code: string, message = 'API text') => ({ success: false, error: { code, message }, request_id: 'r1' });

describe('interpretStart', () => {
  it('returns the session of a 201', () => {
    const body = { success: true, session_id: 'ls_1', client_secret: 'lss_2', user_id: 'ada', expires_at: 'x', liveness: { mode: 'off', challenge: null } };
    expect(interpretStart(201, body, w)).toEqual({ ok: true, session: { session_id: 'ls_1', client_secret: 'lss_2', user_id: 'ada', liveness: { mode: 'off', challenge: null, next_step: 0 } } });
  });

  it("keeps the API's reason for a setup error (key, origin) for the console, and shows people the widget's own words", () => {
    const outcome = interpretStart(403, envelope('FORBIDDEN', 'Origin not allowed for this publishable key'), w);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.not.stringContaining('Origin') },
      detail: 'FORBIDDEN: Origin not allowed for this publishable key',
    });
  });

  it('reports a body that is not the API envelope as NETWORK', () => {
    expect(interpretStart(502, null, w)).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });
});

describe('interpretAttempt', () => {
  const miss = (attempts_left: number) => ({ success: true, match: false, status: 'no_match', message: 'Try again, please.', attempts_left, liveness: {} });

  it('hands over the token of a match', () => {
    expect(interpretAttempt(200, { success: true, match: true, status: 'match', message: 'ok', attempts_left: 2, token: 'a.b.c' }, w)).toEqual({ kind: 'success', token: 'a.b.c' });
  });

  it("offers a retry with the API's message while attempts are left, and fails when none are", () => {
    expect(interpretAttempt(200, miss(2), w)).toEqual({ kind: 'retry', error: { code: 'NO_MATCH', message: w.no_match }, attemptsLeft: 2, challenge: null });
    expect(interpretAttempt(200, miss(0), w)).toEqual({ kind: 'fail', error: { code: 'NO_MATCH', message: 'Try again, please.' } });
  });

  it('names the failed liveness check in the page language, the movement of a failed step included, and passes on the next challenge', () => {
    const next = { steps: [], max_frames: 6, issued_at: 'x' };
    const challenge = { steps: [{ movement: 'look_up' as const, frames: 3, window_ms: 1 }, { movement: 'turn_right' as const, frames: 3, window_ms: 1 }], max_frames: 6, issued_at: 'x' };
    const refused = (name: string) => ({
      success: true,
      match: false,
      status: 'liveness_failed',
      message: 'API text',
      attempts_left: 1,
      liveness: { checks: [{ name: 'one_face', passed: true }, { name, passed: false }], next_challenge: next },
    });
    expect(interpretAttempt(200, refused('movement_2'), w, challenge)).toEqual({ kind: 'retry', error: { code: 'LIVENESS_FAILED', message: w.f_turn_right }, attemptsLeft: 1, challenge: next });
    expect(interpretAttempt(200, refused('not_flat'), wordsFor('fr', 'en'), challenge)).toMatchObject({ error: { message: wordsFor('fr', 'en').f_not_flat } });
    expect(interpretAttempt(200, refused('a_new_check'), w, challenge)).toMatchObject({ error: { message: 'API text' } });
  });

  it('shows friendly text for session and lock errors, without the API codes or numbers', () => {
    for (const code of ['SESSION_EXPIRED', 'SESSION_CLOSED', 'LOGIN_LOCKED', 'INVALID_TOKEN']) {
      const outcome = interpretAttempt(code === 'SESSION_EXPIRED' ? 410 : 409, envelope(code), w);
      expect(outcome).toMatchObject({ kind: 'fail', error: { code } });
      if (outcome.kind === 'fail') expect(outcome.error.message).not.toMatch(/[A-Z]{2,}_|\d|API text/);
    }
  });
});

describe('tokenSubject', () => {
  it('reads sub from the payload of a compact JWS, UTF-8 included', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'José', aud: 'acc' })).toString('base64url');
    expect(tokenSubject(`eyJ.${payload}.sig`)).toBe('José');
  });

  it('answers an empty string for something that is not a token', () => {
    expect(tokenSubject('garbage')).toBe('');
  });
});
