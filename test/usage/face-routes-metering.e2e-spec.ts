import { registerAccount, RegisteredAccount } from '../factories/accounts';
import { enroll, NO_FACE, postForm, SHELDON, storedCounts, verify } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';
import { setMonthlyUsed, waitForUsage } from './usage-helpers';

describe('Metering of the real counted routes: /enroll, /verify, /match', () => {
  let t: TestApp;
  let a: RegisteredAccount;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerAccount(t.http);
  });
  afterAll(() => t.close());

  it('counts successful and failed calls with their status and error code, and shows the enrolled user', async () => {
    const enrolled = await enroll(t.http, a.apiKey, 'sheldon', SHELDON.slice(0, 1)).expect(201);
    expect(enrolled.headers['x-ratelimit-limit']).toBe('100');
    const noFace = await verify(t.http, a.apiKey, 'sheldon', NO_FACE).expect(422);
    expect(noFace.headers['x-ratelimit-remaining']).toBe('98');
    await postForm(t.http, 'match', a.apiKey, {}, [['image1', SHELDON[1]]]).expect(400);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 3);
    expect(body.usage).toMatchObject({ total_calls: 3, monthly_calls: 3, success_rate: 33.3, enrolled_faces: 1 });
    expect(body.recent_logs.map((l: any) => [l.endpoint, l.status_code, l.error_code])).toEqual([
      ['match', 400, 'MISSING_IMAGE'],
      ['verify', 422, 'NO_FACE'],
      ['enroll', 201, null],
    ]);
  });

  it('refuses an enroll over the monthly quota with 429 MONTHLY_LIMIT, storing and counting nothing', async () => {
    const b = await registerAccount(t.http);
    await setMonthlyUsed(t.app, b.id, 1000);
    const before = await storedCounts(t);
    const res = await enroll(t.http, b.apiKey, 'sheldon', SHELDON.slice(0, 1)).expect(429);
    expect(res.body.error.code).toBe('MONTHLY_LIMIT');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await storedCounts(t)).toEqual(before);
    expect((await t.http.get('/api/v1/usage').set('X-API-Key', b.apiKey).expect(200)).body.usage.total_calls).toBe(0);
  });
});
