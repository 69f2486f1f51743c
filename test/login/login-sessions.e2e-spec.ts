import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { SigningKeysService } from '@faceauth/login-tokens';
import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { enroll, PENNY, SHELDON } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';
import { attempt, confirm, performActiveLogin, POSED_A, startOffSession, startSession, StartedSession } from './login-support';

const LOGIN = SHELDON[4];
const IMPOSTOR = PENNY[0];

describe('Login sessions', () => {
  let t: TestApp;
  let a: RegisteredAccount;
  let b: RegisteredAccount;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerAccount(t.http);
    b = await registerAccount(t.http);
    await enroll(t.http, a.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    await enroll(t.http, a.apiKey, 'penny', PENNY.slice(1, 4)).expect(201);
    await enroll(t.http, b.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
  });
  afterAll(() => t.close());

  /** Signs claims with the server's own current key (to test claim checks, not signatures). */
  async function serverSigned(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    const signer = await t.app.get(SigningKeysService).currentSigner();
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: 'faceauth-login+jwt', ...header }).sign(signer.key);
  }

  async function matchedToken(account: RegisteredAccount, nonce?: string): Promise<{ session: StartedSession; token: string }> {
    const session = await startOffSession(t.http, account.apiKey, 'sheldon', nonce);
    const res = await attempt(t.http, session, LOGIN).expect(200);
    expect(res.body.match).toBe(true);
    return { session, token: res.body.token };
  }

  describe('a login that matches', () => {
    it('starts with a secret key, matches one frame and returns a signed single-use token with the contract claims', async () => {
      const session = await startOffSession(t.http, a.apiKey, 'sheldon', 'browser-session-1');
      expect(session).toMatchObject({ success: true, session_id: expect.stringMatching(/^ls_/), client_secret: expect.stringMatching(/^lss_[A-Za-z0-9_-]{43}$/), user_id: 'sheldon', liveness: { mode: 'off', challenge: null } });
      const res = await attempt(t.http, session, LOGIN).expect(200);
      expect(res.body).toEqual({
        success: true,
        match: true,
        status: 'match',
        message: 'You are signed in.',
        attempts_left: 2,
        liveness: { mode: 'off', passed: null, checks: [] },
        token: expect.any(String),
      });
      expect(res.headers['x-ratelimit-limit']).toBe('100');
      expect(decodeProtectedHeader(res.body.token)).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'faceauth-login+jwt' });
      const claims = decodeJwt(res.body.token);
      expect(claims).toEqual({
        iss: expect.stringMatching(/^http/),
        aud: a.publicId,
        sub: 'sheldon',
        sid: session.session_id,
        nonce: 'browser-session-1',
        amr: ['face'],
        iat: expect.any(Number),
        exp: expect.any(Number),
        jti: expect.any(String),
      });
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);

      const confirmed = await confirm(t.http, a.apiKey, res.body.token).expect(200);
      expect(confirmed.body).toEqual({
        success: true,
        valid: true,
        user_id: 'sheldon',
        session_id: session.session_id,
        nonce: 'browser-session-1',
        verified_at: expect.any(String),
        liveness: { mode: 'off', passed: null, checks: [] },
        confidence: expect.any(Number),
      });
      const again = await confirm(t.http, a.apiKey, res.body.token).expect(409);
      expect(again.body.error.code).toBe('TOKEN_ALREADY_USED');

      const status = await t.http.get(`/api/v1/login-sessions/${session.session_id}`).set('X-API-Key', a.apiKey).expect(200);
      expect(status.body).toMatchObject({ state: 'succeeded', attempts: 1, attempts_left: 2, started_with: 'secret', attempt_log: [{ outcome: 'match' }], confirmed_at: expect.any(String) });
    });

    it('accepts a token exactly once when 10 confirmations race', async () => {
      const { token } = await matchedToken(a);
      const answers = await Promise.all(Array.from({ length: 10 }, () => confirm(t.http, a.apiKey, token)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    });

    it('closes a session after its match: a second attempt is 409 SESSION_CLOSED', async () => {
      const { session } = await matchedToken(a);
      const res = await attempt(t.http, session, LOGIN).expect(409);
      expect(res.body.error.code).toBe('SESSION_CLOSED');
    });
  });

  describe('a login that does not match', () => {
    it('answers a wrong face with a message for people and the attempts left, then 409 SESSION_CLOSED on the 4th attempt', async () => {
      const session = await startOffSession(t.http, a.apiKey, 'sheldon');
      const first = await attempt(t.http, session, IMPOSTOR).expect(200);
      expect(first.body).toEqual({ success: true, match: false, status: 'no_match', message: expect.any(String), attempts_left: 2, liveness: { mode: 'off', passed: null, checks: [] } });
      expect(first.body.message).not.toMatch(/distance|threshold|confidence|\d\.\d/i);
      await attempt(t.http, session, IMPOSTOR).expect(200);
      const third = await attempt(t.http, session, IMPOSTOR).expect(200);
      expect(third.body.attempts_left).toBe(0);
      const fourth = await attempt(t.http, session, LOGIN).expect(409);
      expect(fourth.body.error.code).toBe('SESSION_CLOSED');
      const status = await t.http.get(`/api/v1/login-sessions/${session.session_id}`).set('X-API-Key', a.apiKey).expect(200);
      expect(status.body).toMatchObject({ state: 'failed', attempts: 3, attempts_left: 0 });
    });

    it('answers a publishable-key session for an unknown user exactly like a wrong face (no enumeration)', async () => {
      const unknown = (await startSession(t.http, a.publishableKey, { user_id: 'nobody-enrolled-here' }).expect(201)).body;
      const known = (await startSession(t.http, a.publishableKey, { user_id: 'sheldon' }).expect(201)).body;
      expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
      expect(unknown.liveness.mode).toBe('active');
      expect(known.liveness.mode).toBe('active');
      // A live person who is neither: liveness passes, then both answer no_match alike (the fresh challenges aside).
      const unknownAttempt = await performActiveLogin(t.http, unknown, POSED_A);
      const knownAttempt = await performActiveLogin(t.http, known, POSED_A);
      const comparable = ({ liveness: { next_challenge, ...liveness }, ...rest }: Record<string, any>) => ({ ...rest, liveness, next: next_challenge.steps.length });
      expect(unknownAttempt.body).toMatchObject({ status: 'no_match', liveness: { passed: true } });
      expect(comparable(unknownAttempt.body)).toEqual(comparable(knownAttempt.body));
    });

    it('answers an unknown user of a secret-key session like a wrong face', async () => {
      const session = await startOffSession(t.http, a.apiKey, 'nobody-enrolled-here');
      const res = await attempt(t.http, session, LOGIN).expect(200);
      expect(res.body).toMatchObject({ match: false, status: 'no_match', attempts_left: 2 });
    });

    it('locks a user after 5 failed logins with 429 LOGIN_LOCKED and Retry-After, while another user of the account still logs in', async () => {
      const victim = await registerAccount(t.http);
      await enroll(t.http, victim.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
      await enroll(t.http, victim.apiKey, 'penny', PENNY.slice(1, 4)).expect(201);
      for (let i = 0; i < 5; i++) {
        const session = await startOffSession(t.http, victim.apiKey, 'sheldon');
        await attempt(t.http, session, IMPOSTOR).expect(200);
      }
      const locked = await startSession(t.http, victim.apiKey, { user_id: 'sheldon', liveness: { mode: 'off' } }).expect(429);
      expect(locked.body.error.code).toBe('LOGIN_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      const penny = await startOffSession(t.http, victim.apiKey, 'penny');
      expect((await attempt(t.http, penny, PENNY[0]).expect(200)).body.match).toBe(true);
      // The lock also holds for a session started before it.
      await t.http.post('/api/v1/verify').set('X-API-Key', victim.apiKey).field('name', 'sheldon').attach('image', Buffer.from('x'), 'x.jpg').expect(400);
    });
  });

  describe('keys and credentials', () => {
    it.each([
      ['POST /enroll', (key: string) => t.http.post('/api/v1/enroll').set('X-API-Key', key).field('name', 'x')],
      ['POST /verify', (key: string) => t.http.post('/api/v1/verify').set('X-API-Key', key).field('name', 'x')],
      ['POST /match', (key: string) => t.http.post('/api/v1/match').set('X-API-Key', key)],
      ['GET /users', (key: string) => t.http.get('/api/v1/users').set('X-API-Key', key)],
      ['DELETE /users/sheldon', (key: string) => t.http.delete('/api/v1/users/sheldon').set('X-API-Key', key)],
      ['GET /usage', (key: string) => t.http.get('/api/v1/usage').set('X-API-Key', key)],
      ['GET /keys', (key: string) => t.http.get('/api/v1/keys').set('X-API-Key', key)],
      ['POST /keys', (key: string) => t.http.post('/api/v1/keys').set('X-API-Key', key).send({ kind: 'secret' })],
      ['POST /login-sessions/confirm', (key: string) => t.http.post('/api/v1/login-sessions/confirm').set('X-API-Key', key).send({ token: 'x' })],
      ['GET /login-sessions/{id}', (key: string) => t.http.get('/api/v1/login-sessions/ls_x').set('X-API-Key', key)],
    ])('refuses a publishable key on %s with 403 FORBIDDEN', async (_route, send) => {
      const res = await send(a.publishableKey).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.message).toMatch(/login sessions/);
    });

    it('refuses a publishable key with allowed origins from an unlisted or absent Origin, and accepts a listed one', async () => {
      const created = await t.http.post('/api/v1/keys').set('X-API-Key', a.apiKey).send({ kind: 'publishable', allowed_origins: ['https://shop.example.com'] }).expect(201);
      const key = created.body.api_key;
      expect(created.body.key).toMatchObject({ kind: 'publishable', allowed_origins: ['https://shop.example.com'], key: expect.stringMatching(/^fa_pub_.{4}\.\.\..{4}$/) });
      expect((await startSession(t.http, key, { user_id: 'sheldon' }, 'https://evil.example.com').expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await startSession(t.http, key, { user_id: 'sheldon' }).expect(403)).body.error.code).toBe('FORBIDDEN');
      const started = await startSession(t.http, key, { user_id: 'sheldon' }, 'https://shop.example.com').expect(201);
      const status = await t.http.get(`/api/v1/login-sessions/${started.body.session_id}`).set('X-API-Key', a.apiKey).expect(200);
      expect(status.body.started_with).toBe('publishable');
    });

    it('refuses a publishable key that asks for liveness off with 403 FORBIDDEN', async () => {
      const res = await startSession(t.http, a.publishableKey, { user_id: 'sheldon', liveness: { mode: 'off' } }).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it("answers another account's session with 404 and its token with 401 INVALID_TOKEN", async () => {
      const { session, token } = await matchedToken(b);
      expect((await t.http.get(`/api/v1/login-sessions/${session.session_id}`).set('X-API-Key', a.apiKey).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await confirm(t.http, a.apiKey, token).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      // The refusal did not spend it: its own account still confirms it.
      await confirm(t.http, b.apiKey, token).expect(200);
    });

    it("refuses session 1's client secret on session 2, and no secret at all, with 401 INVALID_TOKEN", async () => {
      const one = await startOffSession(t.http, a.apiKey, 'sheldon');
      const two = await startOffSession(t.http, a.apiKey, 'sheldon');
      const res = await attempt(t.http, { session_id: two.session_id, client_secret: one.client_secret }, LOGIN).expect(401);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
      const none = await t.http.post(`/api/v1/login-sessions/${two.session_id}/attempts`).attach('frame0', Buffer.from('x'), 'x.jpg').expect(401);
      expect(none.body.error.code).toBe('INVALID_TOKEN');
      // An API key is not a client secret.
      await attempt(t.http, { session_id: two.session_id, client_secret: a.apiKey }, LOGIN).expect(401);
    });

    it('refuses a token with a changed claim, another signing key, alg none, or past its expiry with 401 INVALID_TOKEN', async () => {
      const { token } = await matchedToken(a);
      const [header, payload, signature] = token.split('.');
      const changed = { ...decodeJwt(token), sub: 'penny' };
      const tampered = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
      const other = await generateKeyPair('EdDSA');
      const otherKey = await new SignJWT(decodeJwt(token)).setProtectedHeader(decodeProtectedHeader(token) as { alg: string }).sign(other.privateKey);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'faceauth-login+jwt' })).toString('base64url')}.${payload}.`;
      const now = Math.floor(Date.now() / 1000);
      const expired = await serverSigned({ ...decodeJwt(token), iat: now - 120, exp: now - 60, jti: randomUUID() });
      for (const bad of [tampered, otherKey, none, expired, 'not-a-token']) {
        const res = await confirm(t.http, a.apiKey, bad).expect(401);
        expect(res.body.error.code).toBe('INVALID_TOKEN');
      }
      await confirm(t.http, a.apiKey, token).expect(200);
    });

    it('refuses a nonce over 128 characters with 400 VALIDATION_ERROR', async () => {
      const res = await startSession(t.http, a.apiKey, { user_id: 'sheldon', nonce: 'n'.repeat(129), liveness: { mode: 'off' } }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('session lifetime', () => {
    let short: TestApp;
    beforeAll(async () => {
      short = await startTestApp({ loginSessions: { lifetimeSeconds: 1 } });
    });
    afterAll(() => short.close());

    it('refuses an attempt after the session expired with 410 SESSION_EXPIRED', async () => {
      const account = await registerAccount(short.http);
      const session = await startOffSession(short.http, account.apiKey, 'sheldon');
      const deadline = new Date(session.expires_at).getTime();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 50));
      const res = await attempt(short.http, session, LOGIN).expect(410);
      expect(res.body.error.code).toBe('SESSION_EXPIRED');
      const status = await short.http.get(`/api/v1/login-sessions/${session.session_id}`).set('X-API-Key', account.apiKey).expect(200);
      expect(status.body.state).toBe('expired');
    });
  });
});
