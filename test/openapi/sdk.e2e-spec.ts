import { readFileSync } from 'node:fs';
import { AppConfig } from '@faceauth/config';
import {
  FaceAuthClient,
  FaceAuthError,
  ForbiddenError,
  InvalidTokenError,
  LastSecretKeyError,
  LoginLockedError,
  RegisterResponse,
  ServiceUnavailableError,
  SessionClosedError,
  SessionExpiredError,
  TokenAlreadyUsedError,
  UsageResponse,
} from '../../clients/typescript/src';
import { uniqueEmail } from '../factories/accounts';
import { datasetPath, identityPhotos } from '../factories/datasets';
import { startTestApp, TestApp } from '../support/test-app';

const SHELDON = identityPhotos('bbt_faceapi', 'sheldon');
const PENNY = identityPhotos('bbt_faceapi', 'penny');
const NO_FACE = datasetPath('noface/brick.png');

describe('@faceauth/client (clients/typescript) against a live server', () => {
  let t: TestApp;
  let faceauth: FaceAuthClient;

  /** Usage is recorded asynchronously: reads it until `done` holds. */
  async function usageWhen(done: (body: UsageResponse) => boolean, deadlineMs = 20_000): Promise<UsageResponse> {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const body = await faceauth.usage();
      if (done(body)) return body;
      if (Date.now() > end) throw new Error(`usage never reached the expected state; last: ${JSON.stringify(body.usage)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers an account and gets its key', async () => {
    const email = uniqueEmail('sdk');
    const account = await new FaceAuthClient({ baseUrl: t.baseUrl }).register({ email, name: 'SDK Developer' });
    expect(account).toMatchObject({ success: true, api_key: expect.stringMatching(/^fa_/), user: { email, name: 'SDK Developer', plan: 'free' } });
    faceauth = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: account.api_key });
  });

  it('enrolls three photos of one person, given as a path, a Buffer and a Blob', async () => {
    const images = [SHELDON[0], readFileSync(SHELDON[1]), new Blob([readFileSync(SHELDON[2])], { type: 'image/jpeg' })];
    const enrolled = await faceauth.enroll('sheldon', images);
    expect(enrolled).toMatchObject({ success: true, external_user_id: 'sheldon', samples: 3, face_id: expect.any(Number) });
    expect(await faceauth.getUser('sheldon')).toMatchObject({ user: { name: 'sheldon', samples: 3 } });
    expect((await faceauth.listUsers({ limit: 10 })).users.map((user) => user.name)).toEqual(['sheldon']);
  });

  it('verifies another photo of that person as a match', async () => {
    const result = await faceauth.verify('sheldon', SHELDON[4]);
    expect(result).toMatchObject({ success: true, match: true, status: 'match', identity: 'sheldon', message: 'Verified as sheldon' });
    expect(result.distance).toBeLessThanOrEqual(0.42);
    expect(result.confidence).toBeGreaterThanOrEqual(85);
  });

  it('answers a photo of someone else with a no-match, not an error', async () => {
    const result = await faceauth.verify('sheldon', PENNY[0]);
    expect(result).toMatchObject({ success: true, match: false, status: 'no_match', identity: null, user: null });
  });

  it('compares two photos with match', async () => {
    expect(await faceauth.match(SHELDON[3], PENNY[1])).toMatchObject({ success: true, match: false, status: 'no_match' });
  });

  it('throws a FaceAuthError with the contract code for a photo without a face', async () => {
    const error = await faceauth.verify('sheldon', NO_FACE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceAuthError);
    expect(error).toMatchObject({ status: 422, code: 'NO_FACE', requestId: expect.any(String) });
  });

  it('reads the usage of the account, every counted call included', async () => {
    // enroll, verify x3, match: five counted calls (the failed verify too); usage, users and register are not counted.
    const body = await usageWhen((b) => b.usage.monthly_calls === 5);
    expect(body).toMatchObject({
      success: true,
      user: { plan: 'free', api_key: expect.stringMatching(/^fa_.+\.\.\./) },
      usage: { monthly_calls: 5, total_calls: 5, monthly_limit: 1000, success_rate: 80, enrolled_faces: 1 },
    });
    expect(body.daily_usage).toHaveLength(30);
    expect(body.recent_logs[0]).toMatchObject({ endpoint: 'verify', status_code: 422, success: false, error_code: 'NO_FACE' });
  });

  it('deletes a sample, then the user', async () => {
    const { user } = await faceauth.getUser('sheldon');
    expect(await faceauth.deleteSample('sheldon', user.face_samples[0].id)).toMatchObject({ success: true, samples: 2, user_deleted: false });
    expect(await faceauth.deleteUser('sheldon')).toMatchObject({ success: true, deleted_samples: 2 });
    await expect(faceauth.getUser('sheldon')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('throws a typed FaceAuthError for an unknown key', async () => {
    const stranger = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: 'fa_not-a-real-key-000000000000000000000000000' });
    const error = await stranger.usage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceAuthError);
    expect(error).toMatchObject({ name: 'FaceAuthError', status: 401, code: 'INVALID_API_KEY', requestId: expect.any(String) });
    await expect(new FaceAuthClient({ baseUrl: t.baseUrl }).verify('sheldon', SHELDON[0])).rejects.toMatchObject({ code: 'MISSING_API_KEY' });
  });

  it('surfaces a rate limit as RATE_LIMIT with the Retry-After seconds', async () => {
    const limited = await startTestApp({ plans: { free: { perMinute: 1 } } });
    try {
      const { api_key } = await new FaceAuthClient({ baseUrl: limited.baseUrl }).register({ email: uniqueEmail('sdk'), name: 'Limited' });
      const client = new FaceAuthClient({ baseUrl: limited.baseUrl, apiKey: api_key });
      await expect(client.match(NO_FACE, NO_FACE)).rejects.toMatchObject({ code: 'NO_FACE' }); // the one call of this minute
      await expect(client.match(NO_FACE, NO_FACE)).rejects.toMatchObject({ status: 429, code: 'RATE_LIMIT', retryAfter: expect.any(Number) });
    } finally {
      await limited.close();
    }
  });

  it('reports health without a key', async () => {
    expect(await new FaceAuthClient({ baseUrl: `${t.baseUrl}/api/v1/` }).health()).toMatchObject({ status: 'healthy', models_loaded: true });
  });

  it('throws NETWORK_ERROR when the server cannot be reached', async () => {
    await expect(new FaceAuthClient({ baseUrl: 'http://127.0.0.1:1' }).health()).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  describe('logins and keys', () => {
    let account: RegisterResponse;
    let owner: FaceAuthClient;
    let issuer: string;

    beforeAll(async () => {
      account = await new FaceAuthClient({ baseUrl: t.baseUrl }).register({ email: uniqueEmail('sdk-login'), name: 'SDK Login' });
      owner = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: account.api_key });
      issuer = t.app.get(AppConfig).publicUrl;
      await owner.enroll('sheldon', SHELDON.slice(0, 3));
      await owner.enroll('penny', PENNY.slice(1, 4));
    });

    async function matchedLogin(nonce?: string) {
      const session = await owner.startLogin({ userId: 'sheldon', nonce, liveness: { mode: 'off' } });
      const attempt = await owner.attemptLogin(session, SHELDON[4]);
      expect(attempt).toMatchObject({ success: true, match: true, status: 'match', token: expect.any(String) });
      return { session, token: attempt.token! };
    }

    it('starts a login, attempts it with a photo, verifies the token offline and confirms it exactly once', async () => {
      const session = await owner.startLogin({ userId: 'sheldon', nonce: 'browser-1', liveness: { mode: 'off' } });
      expect(session).toMatchObject({ session_id: expect.stringMatching(/^ls_/), client_secret: expect.stringMatching(/^lss_/), user_id: 'sheldon', liveness: { mode: 'off' } });
      const attempt = await owner.attemptLogin(session, [readFileSync(SHELDON[4])]);
      expect(attempt).toMatchObject({ match: true, attempts_left: 2, token: expect.any(String) });

      const claims = await owner.verifyLoginToken(attempt.token!, { audience: account.user.public_id, nonce: 'browser-1', issuer });
      expect(claims).toEqual({
        iss: issuer, aud: account.user.public_id, sub: 'sheldon', sid: session.session_id, nonce: 'browser-1',
        amr: ['face'], iat: expect.any(Number), exp: expect.any(Number), jti: expect.any(String),
      });

      const confirmed = await owner.confirmLogin(attempt.token!);
      expect(confirmed).toMatchObject({ success: true, valid: true, user_id: 'sheldon', session_id: session.session_id, nonce: 'browser-1' });
      const again = await owner.confirmLogin(attempt.token!).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(TokenAlreadyUsedError);
      expect(again).toBeInstanceOf(FaceAuthError);
      expect(again).toMatchObject({ name: 'TokenAlreadyUsedError', status: 409, code: 'TOKEN_ALREADY_USED' });

      await expect(owner.attemptLogin(session, SHELDON[4])).rejects.toBeInstanceOf(SessionClosedError);
      expect(await owner.getLoginSession(session.session_id)).toMatchObject({ state: 'succeeded', attempts: 1, confirmed_at: expect.any(String) });
    });

    it('refuses offline a token of another audience, nonce or issuer, a changed token and garbage with InvalidTokenError', async () => {
      const { token } = await matchedLogin('browser-2');
      const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as InvalidTokenError);
      const audience = account.user.public_id;
      const [header, payload, signature] = token.split('.');
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'penny' })).toString('base64url')}.${signature}`;
      const cases: [Promise<unknown>, string][] = [
        [owner.verifyLoginToken(token, { audience: 'acc_someone-else', nonce: 'browser-2', issuer }), 'audience'],
        [owner.verifyLoginToken(token, { audience, nonce: 'browser-3', issuer }), 'nonce'],
        [owner.verifyLoginToken(token, { audience, nonce: 'browser-2' }), 'issuer'], // default issuer: the client's baseUrl
        [owner.verifyLoginToken(forged, { audience, issuer }), 'signature'],
        [owner.verifyLoginToken('not.a-token', { audience, issuer }), 'malformed'],
      ];
      for (const [promise, reason] of cases) {
        const error = await refusal(promise);
        expect(error).toBeInstanceOf(InvalidTokenError);
        expect(error).toMatchObject({ code: 'INVALID_TOKEN', reason });
      }
      await expect(owner.confirmLogin(forged)).rejects.toMatchObject({ constructor: InvalidTokenError, status: 401 });
      expect(await owner.confirmLogin(token)).toMatchObject({ valid: true });
    });

    it('manages keys: create, list, update, revoke, and refuses to revoke the last secret key', async () => {
      const widget = await owner.createKey({ kind: 'publishable', name: 'widget', allowedOrigins: ['https://shop.example.com'] });
      expect(widget).toMatchObject({ api_key: expect.stringMatching(/^fa_pub_/), key: { kind: 'publishable', name: 'widget', allowed_origins: ['https://shop.example.com'] } });
      const updated = await owner.updateKey(widget.key.id, { name: 'storefront', allowedOrigins: [] });
      expect(updated.key).toMatchObject({ id: widget.key.id, name: 'storefront', allowed_origins: [] });

      const { keys } = await owner.listKeys();
      const secret = keys.find((key) => key.kind === 'secret')!;
      expect(keys.map((key) => key.id)).toContain(widget.key.id);
      const last = await owner.revokeKey(secret.id).catch((e: unknown) => e);
      expect(last).toBeInstanceOf(LastSecretKeyError);
      expect(last).toMatchObject({ status: 409, code: 'LAST_SECRET_KEY' });

      const publishable = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: widget.api_key });
      await expect(publishable.listKeys()).rejects.toBeInstanceOf(ForbiddenError);
      expect(await publishable.startLogin({ userId: 'sheldon' })).toMatchObject({ success: true, user_id: 'sheldon' });
      expect((await owner.revokeKey(widget.key.id)).key.revoked_at).toEqual(expect.any(String));
      await expect(publishable.startLogin({ userId: 'sheldon' })).rejects.toMatchObject({ status: 401, code: 'INVALID_API_KEY' });
    });

    it('throws LoginLockedError with Retry-After after 5 failed logins of one user', async () => {
      for (let i = 0; i < 5; i++) {
        const session = await owner.startLogin({ userId: 'penny', liveness: { mode: 'off' } });
        expect(await owner.attemptLogin(session, SHELDON[0])).toMatchObject({ match: false, status: 'no_match' });
      }
      const locked = await owner.startLogin({ userId: 'penny', liveness: { mode: 'off' } }).catch((e: unknown) => e);
      expect(locked).toBeInstanceOf(LoginLockedError);
      expect((locked as LoginLockedError).retryAfter).toBeGreaterThan(0);
    });

    it.each([
      ['SESSION_EXPIRED', 410, SessionExpiredError, undefined],
      ['SERVICE_UNAVAILABLE', 503, ServiceUnavailableError, '7'],
    ] as const)('maps a %s answer to its error class', async (code, status, ErrorClass, retryAfter) => {
      const envelope = { success: false, error: { code, message: 'x' }, request_id: 'req-1' };
      const fetchStub = async () =>
        new Response(JSON.stringify(envelope), { status, headers: { 'content-type': 'application/json', ...(retryAfter && { 'retry-after': retryAfter }) } });
      const client = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: account.api_key, fetch: fetchStub });
      const error = await client.attemptLogin({ session_id: 'ls_x', client_secret: 'lss_x' }, SHELDON[0]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ code, status, requestId: 'req-1', retryAfter: retryAfter === undefined ? undefined : 7 });
    });
  });

  describe('enrollment sessions', () => {
    const person = (file: string) => datasetPath('celeba_dev', 'id07441', file);

    it('starts an enrollment session, sends the 3 photos with its client secret, and reads that it enrolled', async () => {
      const account = await new FaceAuthClient({ baseUrl: t.baseUrl }).register({ email: uniqueEmail('sdk-enroll'), name: 'SDK Enroll' });
      const owner = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: account.api_key });
      const session = await owner.startEnrollSession({ userId: 'ana' });
      expect(session).toMatchObject({ session_id: expect.stringMatching(/^es_/), client_secret: expect.stringMatching(/^ess_/), user_id: 'ana', steps: [{ pose: 'frontal' }, { pose: 'turn_left' }, { pose: 'turn_right' }] });
      // The widget's side, without an API key.
      const widget = new FaceAuthClient({ baseUrl: t.baseUrl });
      const refused = await widget.sendEnrollPhoto(session, 0, person('013939.jpg')).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 422, code: 'LOW_QUALITY', details: { check: 'pose', pose: 'frontal' } });
      expect(await widget.sendEnrollPhoto(session, 0, person('048291.jpg'))).toMatchObject({ accepted: true, next_step: 1, status: 'collecting' });
      await widget.sendEnrollPhoto(session, 1, readFileSync(person('013939.jpg')));
      expect(await widget.sendEnrollPhoto(session, 2, person('112131.jpg'))).toMatchObject({ status: 'enrolled', enrolled: { external_user_id: 'ana', samples: 3 } });
      expect(await owner.getEnrollSession(session.session_id)).toMatchObject({ status: 'enrolled', steps_kept: 3 });
      await expect(widget.sendEnrollPhoto(session, 2, person('112131.jpg'))).rejects.toBeInstanceOf(SessionClosedError);
    });
  });
});
