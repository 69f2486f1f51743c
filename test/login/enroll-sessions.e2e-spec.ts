import { MikroORM } from '@mikro-orm/core';
import { basename } from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { EnrollSessionsRetention } from '../../libs/enroll-sessions/src/enroll-sessions.retention';
import { registerAccount, RegisteredAccount } from '../factories/accounts';
import { datasetPath } from '../factories/datasets';
import { enroll, GROUP, NO_FACE, photo, SHELDON } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';
import { monthlyUsed, setMonthlyUsed, waitForUsage } from '../usage/usage-helpers';
import { attempt, startOffSession } from './login-support';

/**
 * One person (CelebA id07441) by the pose the server measures (yaw > 0: turned to their own left):
 * 048291 yaw 1.1 pitch -4.2 and 093233 yaw 2.0 pitch 6.5 face the camera; 013939 yaw 29.6 turns left;
 * 112131 yaw -28.2 turns right. Another person (id07204) turned right: 111362 yaw -36.4.
 */
const person = (file: string) => datasetPath('celeba_dev', 'id07441', file);
const FRONTAL = person('048291.jpg');
const LEFT = person('013939.jpg');
const RIGHT = person('112131.jpg');
const LOGIN = person('093233.jpg');
const STRANGER_RIGHT = datasetPath('celeba_dev', 'id07204', '111362.jpg');

interface EnrollSession {
  session_id: string;
  client_secret: string;
  user_id: string;
  expires_at: string;
}

describe('Enrollment sessions', () => {
  let t: TestApp;
  let a: RegisteredAccount;
  let b: RegisteredAccount;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerAccount(t.http);
    b = await registerAccount(t.http);
  });
  afterAll(() => t.close());

  const start = (key: string, body: Record<string, unknown>) => t.http.post('/api/v1/enroll-sessions').set('X-API-Key', key).send(body);

  async function started(userId: string, account = a): Promise<EnrollSession> {
    return (await start(account.apiKey, { user_id: userId }).expect(201)).body;
  }

  function send(http: TestAgent, session: Pick<EnrollSession, 'session_id' | 'client_secret'>, step: number | string, image: string) {
    return http
      .post(`/api/v1/enroll-sessions/${session.session_id}/photos`)
      .set('Authorization', `Bearer ${session.client_secret}`)
      .field('step', String(step))
      .attach('photo', photo(image), basename(image));
  }
  const sendPhoto = (session: Pick<EnrollSession, 'session_id' | 'client_secret'>, step: number | string, image: string) => send(t.http, session, step, image);

  const status = (session: EnrollSession, key = a.apiKey) => t.http.get(`/api/v1/enroll-sessions/${session.session_id}`).set('X-API-Key', key);

  const sql = (query: string, params: unknown[]) => t.app.get(MikroORM).em.getConnection().execute(query, params, 'run');

  async function sendFirstTwo(session: EnrollSession): Promise<void> {
    await sendPhoto(session, 0, FRONTAL).expect(200);
    await sendPhoto(session, 1, LEFT).expect(200);
  }

  describe('an enrollment that succeeds', () => {
    it('takes 3 photos, frontal, left and right, enrolls them, and the person then signs in with another photo', async () => {
      const account = await registerAccount(t.http);
      const started = await start(account.apiKey, { user_id: ' ana ' }).expect(201);
      expect(started.body).toEqual({
        success: true,
        session_id: expect.stringMatching(/^es_[A-Za-z0-9_-]{22}$/),
        client_secret: expect.stringMatching(/^ess_[A-Za-z0-9_-]{43}$/),
        user_id: 'ana',
        expires_at: expect.any(String),
        steps: [{ pose: 'frontal' }, { pose: 'turn_left' }, { pose: 'turn_right' }],
      });
      const lifetime = new Date(started.body.expires_at).getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(590_000);
      expect(lifetime).toBeLessThanOrEqual(600_000);
      const session: EnrollSession = started.body;

      expect((await sendPhoto(session, 0, FRONTAL).expect(200)).body).toEqual({ success: true, accepted: true, step: 0, next_step: 1, status: 'collecting' });
      expect((await sendPhoto(session, 1, LEFT).expect(200)).body).toEqual({ success: true, accepted: true, step: 1, next_step: 2, status: 'collecting' });
      const last = await sendPhoto(session, 2, RIGHT).expect(200);
      expect(last.body).toEqual({
        success: true,
        accepted: true,
        step: 2,
        next_step: null,
        status: 'enrolled',
        enrolled: { face_id: expect.any(Number), external_user_id: 'ana', samples: 3 },
      });

      const audit = await status(session, account.apiKey).expect(200);
      expect(audit.body).toEqual({
        success: true,
        session_id: session.session_id,
        user_id: 'ana',
        status: 'enrolled',
        steps_kept: 3,
        created_at: expect.any(String),
        expires_at: session.expires_at,
        completed_at: expect.any(String),
      });

      const login = await startOffSession(t.http, account.apiKey, 'ana');
      expect((await attempt(t.http, login, LOGIN).expect(200)).body).toMatchObject({ match: true, status: 'match' });

      // The enrollment is one counted `enroll` call (the photos before it are rate-limited, not counted).
      const usage = await waitForUsage(t.http, account.apiKey, (body) => body.usage.total_calls >= 2);
      expect(usage.recent_logs.map((log: any) => [log.endpoint, log.status_code]).sort()).toEqual([
        ['enroll', 200],
        ['login_attempt', 200],
      ]);
    });

    it('answers any photo after the enrollment with 409 SESSION_CLOSED', async () => {
      const session = await started('closed-after');
      await sendFirstTwo(session);
      await sendPhoto(session, 2, RIGHT).expect(200);
      const again = await sendPhoto(session, 2, RIGHT).expect(409);
      expect(again.body.error).toMatchObject({ code: 'SESSION_CLOSED', details: { state: 'enrolled' } });
      expect((await sendPhoto(session, 0, FRONTAL).expect(409)).body.error.code).toBe('SESSION_CLOSED');
    });
  });

  describe('each photo is checked before it is kept', () => {
    it('refuses a photo in the wrong pose with LOW_QUALITY and the measured pose, and accepts that step on a retry', async () => {
      const session = await started('pose-retry');
      const turned = await sendPhoto(session, 0, LEFT).expect(422);
      expect(turned.body.error).toEqual({
        code: 'LOW_QUALITY',
        message: 'Face the camera: look straight into it.',
        details: { check: 'pose', step: 0, pose: 'frontal', yaw: expect.any(Number), pitch: expect.any(Number) },
      });
      expect(turned.body.error.details.yaw).toBeGreaterThan(12);
      await sendPhoto(session, 0, FRONTAL).expect(200);

      const frontal = await sendPhoto(session, 1, FRONTAL).expect(422);
      expect(frontal.body.error).toMatchObject({ code: 'LOW_QUALITY', message: 'Turn your head a little to your left.', details: { check: 'pose', step: 1, pose: 'turn_left' } });
      // Turned the other way is not a turn to the left either.
      const wrongWay = await sendPhoto(session, 1, RIGHT).expect(422);
      expect(wrongWay.body.error.details).toMatchObject({ pose: 'turn_left', yaw: expect.any(Number) });
      expect(wrongWay.body.error.details.yaw).toBeLessThan(-5);
      await sendPhoto(session, 1, LEFT).expect(200);
      expect((await sendPhoto(session, 2, LEFT).expect(422)).body.error).toMatchObject({ message: 'Turn your head a little to your right.', details: { pose: 'turn_right' } });
      expect((await status(session).expect(200)).body).toMatchObject({ status: 'collecting', steps_kept: 2 });
    });

    it('refuses a photo without a face with 422 NO_FACE and one with several faces with 422 MULTIPLE_FACES, keeping neither', async () => {
      const session = await started('faces');
      const none = await sendPhoto(session, 0, NO_FACE).expect(422);
      expect(none.body.error).toMatchObject({ code: 'NO_FACE', message: expect.stringMatching(/couldn't see a face/), details: { step: 0 } });
      const group = await sendPhoto(session, 0, GROUP).expect(422);
      expect(group.body.error).toMatchObject({ code: 'MULTIPLE_FACES', message: expect.stringMatching(/More than one face/), details: { faces: expect.any(Number), step: 0 } });
      expect((await status(session).expect(200)).body.steps_kept).toBe(0);
      await sendPhoto(session, 0, FRONTAL).expect(200);
    });

    it('refuses a step out of order, or not a step, with 400 VALIDATION_ERROR, and a request without photo with 400 MISSING_IMAGE', async () => {
      const session = await started('order');
      const ahead = await sendPhoto(session, 1, LEFT).expect(400);
      expect(ahead.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { expected_step: 0 } });
      await sendPhoto(session, 0, FRONTAL).expect(200);
      expect((await sendPhoto(session, 0, FRONTAL).expect(400)).body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { expected_step: 1 } });
      expect((await sendPhoto(session, 3, LEFT).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
      expect((await sendPhoto(session, 'one', LEFT).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
      const bare = await t.http.post(`/api/v1/enroll-sessions/${session.session_id}/photos`).set('Authorization', `Bearer ${session.client_secret}`).field('step', '1').expect(400);
      expect(bare.body.error.code).toBe('MISSING_IMAGE');
    });
  });

  describe('the enrollment rules of POST /enroll', () => {
    it('refuses a third photo of someone else with 422 ENROLL_MISMATCH, drops the photos and starts again at step 0', async () => {
      const session = await started('mismatch');
      await sendFirstTwo(session);
      const res = await sendPhoto(session, 2, STRANGER_RIGHT).expect(422);
      expect(res.body.error).toMatchObject({
        code: 'ENROLL_MISMATCH',
        message: expect.stringMatching(/starting with the first one/),
        details: { mismatches: expect.any(Array), threshold: expect.any(Number), status: 'collecting', steps_kept: 0, next_step: 0, failures: 1, failures_left: 2 },
      });
      expect(res.body.error.details.mismatches[0].field).toBe('step2');
      expect((await status(session).expect(200)).body).toMatchObject({ status: 'collecting', steps_kept: 0 });
      expect((await sendPhoto(session, 1, LEFT).expect(400)).body.error.details.expected_step).toBe(0);
      await sendFirstTwo(session);
      expect((await sendPhoto(session, 2, RIGHT).expect(200)).body.status).toBe('enrolled');
      expect((await t.http.get('/api/v1/users/mismatch').set('X-API-Key', a.apiKey).expect(200)).body.user.samples).toBe(3);
    });

    it('closes the session as failed at the third ENROLL_MISMATCH', async () => {
      const session = await started('mismatch-thrice');
      await sql('update enroll_sessions set mismatches = 2 where id = ?', [session.session_id]);
      await sendFirstTwo(session);
      const res = await sendPhoto(session, 2, STRANGER_RIGHT).expect(422);
      expect(res.body.error).toMatchObject({ code: 'ENROLL_MISMATCH', details: { status: 'failed', next_step: null, failures: 3, failures_left: 0 } });
      expect((await status(session).expect(200)).body).toMatchObject({ status: 'failed', completed_at: expect.any(String) });
      expect((await sendPhoto(session, 0, FRONTAL).expect(409)).body.error).toMatchObject({ code: 'SESSION_CLOSED', details: { state: 'failed' } });
    });

    it('refuses someone else under an enrolled user id with 409 IDENTITY_MISMATCH and closes the session; replace: true replaces the samples', async () => {
      await enroll(t.http, a.apiKey, 'taken', SHELDON.slice(0, 3)).expect(201);
      const session = await started('taken');
      await sendFirstTwo(session);
      const res = await sendPhoto(session, 2, RIGHT).expect(409);
      expect(res.body.error).toMatchObject({ code: 'IDENTITY_MISMATCH', message: expect.stringMatching(/don't match/), details: { status: 'failed', next_step: null } });
      expect((await status(session).expect(200)).body.status).toBe('failed');

      const replacing = (await start(a.apiKey, { user_id: 'taken', replace: true }).expect(201)).body;
      await sendFirstTwo(replacing);
      expect((await sendPhoto(replacing, 2, RIGHT).expect(200)).body.enrolled).toMatchObject({ external_user_id: 'taken', samples: 3 });
    });
  });

  describe('keys and credentials', () => {
    it('refuses a publishable key on start and on status with 403 FORBIDDEN', async () => {
      const session = await started('keys');
      const startRes = await start(a.publishableKey, { user_id: 'keys' }).expect(403);
      expect(startRes.body.error.code).toBe('FORBIDDEN');
      expect((await status(session, a.publishableKey).expect(403)).body.error.code).toBe('FORBIDDEN');
    });

    it("answers another account's session with 404 NOT_FOUND and refuses its client secret on this session with 401 INVALID_TOKEN", async () => {
      const mine = await started('mine');
      const theirs = await started('theirs', b);
      expect((await status(theirs, a.apiKey).expect(404)).body.error.code).toBe('NOT_FOUND');
      const crossed = await sendPhoto({ session_id: mine.session_id, client_secret: theirs.client_secret }, 0, FRONTAL).expect(401);
      expect(crossed.body.error.code).toBe('INVALID_TOKEN');
      const unknown = await sendPhoto({ session_id: 'es_nonexistent', client_secret: mine.client_secret }, 0, FRONTAL).expect(401);
      expect(unknown.body.error.code).toBe('INVALID_TOKEN');
      const none = await t.http.post(`/api/v1/enroll-sessions/${mine.session_id}/photos`).field('step', '0').attach('photo', photo(FRONTAL), 'a.jpg').expect(401);
      expect(none.body.error.code).toBe('INVALID_TOKEN');
      // An API key is not a client secret.
      await sendPhoto({ session_id: mine.session_id, client_secret: a.apiKey }, 0, FRONTAL).expect(401);
    });

    it("refuses a login session's client secret on the photos, and this session's secret on login attempts, with 401 INVALID_TOKEN", async () => {
      const enroll = await started('crossed');
      const login = await startOffSession(t.http, a.apiKey, 'crossed');
      expect((await sendPhoto({ session_id: enroll.session_id, client_secret: login.client_secret }, 0, FRONTAL).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      expect((await sendPhoto(login, 0, FRONTAL).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      expect((await attempt(t.http, { session_id: login.session_id, client_secret: enroll.client_secret }, FRONTAL).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      expect((await attempt(t.http, enroll, FRONTAL).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    });

    it('refuses a user id that is not 1-128 printable characters with 400 VALIDATION_ERROR', async () => {
      for (const user_id of ['', 'x'.repeat(129), 'a\u0000b', 42]) {
        expect((await start(a.apiKey, { user_id }).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
      }
      expect((await start(a.apiKey, { user_id: 'x', replace: 'yes' }).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('lifetime, limits and concurrency', () => {
    it('refuses a photo after the session expired with 410 SESSION_EXPIRED, and says expired', async () => {
      const session = await started('expired');
      await sendPhoto(session, 0, FRONTAL).expect(200);
      await sql('update enroll_sessions set expires_at = ? where id = ?', [t.app.get(MikroORM).em.getPlatform().processDateProperty(new Date(Date.now() - 1000)), session.session_id]);
      const res = await sendPhoto(session, 1, LEFT).expect(410);
      expect(res.body.error.code).toBe('SESSION_EXPIRED');
      expect((await status(session).expect(200)).body).toMatchObject({ status: 'expired', steps_kept: 1, completed_at: null });

      // The retention job drops the template of the photo kept: it will never be enrolled.
      expect((await t.app.get(EnrollSessionsRetention).prune()).dropped).toBeGreaterThanOrEqual(1);
      const [row] = await t.app.get(MikroORM).em.getConnection().execute('select samples from enroll_sessions where id = ?', [session.session_id]);
      expect(row.samples).toBeNull();
    });

    it('enrolls once when the last photo is sent twice at once: one 200 enrolled, the other 409, 3 samples', async () => {
      const session = await started('race');
      await sendFirstTwo(session);
      const answers = await Promise.all([sendPhoto(session, 2, RIGHT), sendPhoto(session, 2, RIGHT)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 200)!.body.status).toBe('enrolled');
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('SESSION_CLOSED');
      expect((await t.http.get('/api/v1/users/race').set('X-API-Key', a.apiKey).expect(200)).body.user.samples).toBe(3);
    });

    it('keeps one photo when one step is sent twice at once', async () => {
      const session = await started('race-step');
      const answers = await Promise.all([sendPhoto(session, 0, FRONTAL), sendPhoto(session, 0, FRONTAL)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      expect((await status(session).expect(200)).body.steps_kept).toBe(1);
    });

    it('refuses the last photo with 429 MONTHLY_LIMIT when the quota is used up, keeping the first two for a retry', async () => {
      const account = await registerAccount(t.http);
      const session = await started('quota', account);
      await sendFirstTwo(session);
      await setMonthlyUsed(t.app, account.id, 1000);
      const refused = await sendPhoto(session, 2, RIGHT).expect(429);
      expect(refused.body.error.code).toBe('MONTHLY_LIMIT');
      expect((await status(session, account.apiKey).expect(200)).body).toMatchObject({ status: 'collecting', steps_kept: 2 });
      await setMonthlyUsed(t.app, account.id, 0);
      expect((await sendPhoto(session, 2, RIGHT).expect(200)).body.status).toBe('enrolled');
      expect(await monthlyUsed(t.app, account.id)).toBe(1);
    });
  });
});
