import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { registerAccount, RegisteredAccount } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { handled, MeteredProbeModule } from './metered-probe.module';
import { burst, FAIL, monthlyUsed, OK, poll, setMonthlyUsed, VALIDATED, waitForUsage } from './usage-helpers';

// Long enough for 100 calls on a loaded CI machine (the limiters use fixed windows); no test waits for it to end.
const WINDOW_MS = 60_000;
// The test that waits for a window to end has a short one, and a plan limit small enough to spend in it.
const SHORT_WINDOW_MS = 1000;
const SHORT_LIMIT = 3;

describe('Per-minute rate limits and monthly quotas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_FACES, rateLimitWindowMs: WINDOW_MS }, [MeteredProbeModule]);
  });
  afterAll(() => t.close());

  const call = (account: RegisteredAccount, path = OK) => t.http.post(path).set('X-API-Key', account.apiKey).send({});

  it('refuses the 101st call of a window on the free plan with 429 RATE_LIMIT and Retry-After, per key, taking no quota', async () => {
    const a = await registerAccount(t.http);
    const b = await registerAccount(t.http);
    const before = handled.ok;
    const first = await call(a).expect(200);
    expect(first.headers['x-ratelimit-limit']).toBe('100');
    expect(first.headers['x-ratelimit-remaining']).toBe('99');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0);

    const statuses = await burst(99, 20, () => call(a));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await call(a).expect(429);
    expect(refused.body).toMatchObject({ success: false, error: { code: 'RATE_LIMIT' }, request_id: expect.any(String) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(handled.ok - before).toBe(100);

    // The limit is per key: another account's key is not affected.
    await call(b).expect(200);

    // A refused call takes nothing from the monthly quota and is not counted.
    expect(await monthlyUsed(t.app, a.id)).toBe(100);

    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls >= 100);
    expect(usage.usage.total_calls).toBe(100);
  });

  describe(`with a ${SHORT_WINDOW_MS} ms window and ${SHORT_LIMIT} calls per window`, () => {
    let short: TestApp;
    beforeAll(async () => {
      short = await startTestApp({ ...NO_FACES, rateLimitWindowMs: SHORT_WINDOW_MS, plans: { free: { perMinute: SHORT_LIMIT } } }, [MeteredProbeModule]);
    });
    afterAll(() => short.close());

    it('lets a refused key call again once its window has ended, counting only the calls it let through', async () => {
      const a = await registerAccount(short.http);
      let letThrough = 0;
      const shortCall = async () => {
        const res = await short.http.post(OK).set('X-API-Key', a.apiKey).send({});
        if (res.status === 200) letThrough++;
        return res;
      };
      // Call until refused: on a slow machine a window may end before its limit is spent.
      const refused = await poll('a call refused with RATE_LIMIT', shortCall, (res) => res.status === 429, { deadlineMs: 10_000, intervalMs: 0 });
      expect(refused.body.error.code).toBe('RATE_LIMIT');
      expect(Number(refused.headers['retry-after'])).toBe(1);
      expect(letThrough).toBeGreaterThanOrEqual(SHORT_LIMIT);

      // X-RateLimit-Reset tells the truth: after waiting that long, the whole limit can be spent again.
      const reset = Number(refused.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, reset * 1000));
      for (let i = 0; i < SHORT_LIMIT; i++) expect((await shortCall()).status).toBe(200);
      expect(await monthlyUsed(short.app, a.id)).toBe(letThrough);
      const usage = await waitForUsage(short.http, a.apiKey, (body) => body.usage.total_calls >= letThrough);
      expect(usage.usage.total_calls).toBe(letThrough);
    });
  });

  it('with 10 calls left in the month, 50 concurrent calls give exactly 10 successes and 40 MONTHLY_LIMIT', async () => {
    const a = await registerAccount(t.http);
    await setMonthlyUsed(t.app, a.id, 990);
    const before = handled.ok;
    const responses = await Promise.all(Array.from({ length: 50 }, () => call(a)));
    const ok = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.body.error.code).toBe('MONTHLY_LIMIT');
      const retryAfter = Number(r.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(31 * 86_400);
    }
    expect(handled.ok - before).toBe(10);
    expect(await monthlyUsed(t.app, a.id)).toBe(1000);
    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.monthly_calls >= 10);
    expect(usage.usage).toMatchObject({ monthly_calls: 10, total_calls: 10, monthly_limit: 1000 });
  });

  it('counts a failed call and gives it the X-RateLimit headers too', async () => {
    const a = await registerAccount(t.http);
    const res = await call(a, FAIL).expect(422);
    expect(res.body.error.code).toBe('NO_FACE');
    expect(res.headers['x-ratelimit-limit']).toBe('100');
    expect(res.headers['x-ratelimit-remaining']).toBe('99');
    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls === 1);
    expect(usage.recent_logs[0]).toMatchObject({ endpoint: 'enroll', status_code: 422, success: false, error_code: 'NO_FACE' });
  });

  it('counts a call with a bad body (400 VALIDATION_ERROR) and sends its rate-limit headers', async () => {
    const a = await registerAccount(t.http);
    const before = handled.validated;
    const res = await call(a, VALIDATED).send({ other: 1 }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.headers['x-ratelimit-remaining']).toBe('99');
    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls === 1);
    expect(usage.recent_logs[0]).toMatchObject({ endpoint: 'match', status_code: 400, success: false, error_code: 'VALIDATION_ERROR' });
    expect(handled.validated).toBe(before);
    expect(await monthlyUsed(t.app, a.id)).toBe(1);
  });

  it('does not count /usage, and does not limit it', async () => {
    const a = await registerAccount(t.http);
    const res = await t.http.get('/api/v1/usage').set('X-API-Key', a.apiKey).expect(200);
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    expect(await monthlyUsed(t.app, a.id)).toBe(0);
  });

  it('applies a new plan set with `admin set-plan` to the next call', async () => {
    const a = await registerAccount(t.http);
    const { stdout } = await promisify(execFile)(
      'npx',
      ['ts-node', '-r', 'tsconfig-paths/register', '--transpile-only', 'apps/api/src/cli.ts', 'set-plan', a.email.toUpperCase(), 'pro'],
      { env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, cwd: `${__dirname}/../..` },
    );
    expect(stdout).toContain('is now on the pro plan');
    const res = await call(a).expect(200);
    expect(res.headers['x-ratelimit-limit']).toBe('1000');
    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls === 1);
    expect(usage.user.plan).toBe('pro');
    expect(usage.usage.monthly_limit).toBe(10_000);
  });

  it('gives the enterprise plan 10,000 calls a minute and no monthly limit', async () => {
    const a = await registerAccount(t.http);
    const { AccountsService } = await import('@faceauth/accounts');
    await t.app.get(AccountsService).setPlan(a.email, 'enterprise');
    await setMonthlyUsed(t.app, a.id, 5_000_000);
    const res = await call(a).expect(200);
    expect(res.headers['x-ratelimit-limit']).toBe('10000');
    const usage = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls === 1);
    expect(usage.usage.monthly_limit).toBeNull();
  });
});
