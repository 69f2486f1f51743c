import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { enroll, PENNY, SHELDON } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';
import { attempt, confirm, startOffSession } from './login-support';

/**
 * Two API processes behind one address: one database (and one Redis when TEST_REDIS_URL is set). Every
 * session, attempt, lock and token use is shared state, so the two must agree.
 */
describe('Login sessions across two API processes', () => {
  let one: TestApp;
  let two: TestApp;
  let account: RegisteredAccount;
  beforeAll(async () => {
    one = await startTestApp({ loginSessions: { lockMaxFailures: 4 } });
    two = await startTestApp({ loginSessions: { lockMaxFailures: 4 } }, [], { database: one.database });
    account = await registerAccount(one.http);
    await enroll(two.http, account.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    await enroll(one.http, account.apiKey, 'locked', SHELDON.slice(0, 3)).expect(201);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('starts a session on one, attempts and confirms it on the other, and refuses the token again on the first', async () => {
    const session = await startOffSession(one.http, account.apiKey, 'sheldon', 'n-1');
    const matched = await attempt(two.http, session, SHELDON[4]).expect(200);
    expect(matched.body.match).toBe(true);
    const confirmed = await confirm(one.http, account.apiKey, matched.body.token).expect(200);
    expect(confirmed.body).toMatchObject({ user_id: 'sheldon', session_id: session.session_id, nonce: 'n-1' });
    expect((await confirm(two.http, account.apiKey, matched.body.token).expect(409)).body.error.code).toBe('TOKEN_ALREADY_USED');
    expect((await attempt(one.http, session, SHELDON[4]).expect(409)).body.error.code).toBe('SESSION_CLOSED');
  });

  it('accepts a token exactly once when 10 confirmations race on both processes', async () => {
    const session = await startOffSession(two.http, account.apiKey, 'sheldon');
    const { token } = (await attempt(one.http, session, SHELDON[4]).expect(200)).body;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => confirm((i % 2 ? one : two).http, account.apiKey, token)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
  });

  it('counts the attempts of one session on both processes: a 4th attempt anywhere is 409 SESSION_CLOSED', async () => {
    const session = await startOffSession(one.http, account.apiKey, 'sheldon');
    await attempt(one.http, session, PENNY[0]).expect(200);
    await attempt(two.http, session, PENNY[0]).expect(200);
    expect((await attempt(one.http, session, PENNY[0]).expect(200)).body.attempts_left).toBe(0);
    expect((await attempt(two.http, session, SHELDON[4]).expect(409)).body.error.code).toBe('SESSION_CLOSED');
  });

  it('locks a user on both processes after failures spread over them', async () => {
    for (const app of [one, two, one, two]) {
      const session = await startOffSession(app.http, account.apiKey, 'locked');
      await attempt(app.http, session, PENNY[0]).expect(200);
    }
    for (const app of [one, two]) {
      const res = await app.http.post('/api/v1/login-sessions').set('X-API-Key', account.apiKey).send({ user_id: 'locked', liveness: { mode: 'off' } }).expect(429);
      expect(res.body.error.code).toBe('LOGIN_LOCKED');
    }
  });

  it('revokes a key on one process and refuses it on the other at once', async () => {
    const created = (await one.http.post('/api/v1/keys').set('X-API-Key', account.apiKey).send({ kind: 'secret' }).expect(201)).body;
    await two.http.get('/api/v1/keys').set('X-API-Key', created.api_key).expect(200);
    await one.http.delete(`/api/v1/keys/${created.key.id}`).set('X-API-Key', account.apiKey).expect(200);
    expect((await two.http.get('/api/v1/keys').set('X-API-Key', created.api_key).expect(401)).body.error.code).toBe('INVALID_API_KEY');
  });
});
