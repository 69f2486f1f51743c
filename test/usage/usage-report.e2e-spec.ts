import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AccountsService } from '@faceauth/accounts';
import { EnrolledUser } from '@faceauth/enrollment';
import { UsageEvent, UsageRecorder, UsageRetention } from '@faceauth/usage';
import { registerAccount, RegisteredAccount } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { MeteredProbeModule } from './metered-probe.module';
import { burst, FAIL, OK, waitForUsage } from './usage-helpers';

const DAY_MS = 86_400_000;

describe('GET /api/v1/usage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_FACES, }, [MeteredProbeModule]);
  });
  afterAll(() => t.close());

  const call = (account: RegisteredAccount, path = OK) => t.http.post(path).set('X-API-Key', account.apiKey).send({});
  const usage = (account: RegisteredAccount, path = '/api/v1/usage') => t.http.get(path).set('X-API-Key', account.apiKey);

  function event(account: RegisteredAccount, time: Date, success = true): UsageEvent {
    return {
      eventId: randomUUID(),
      requestId: randomUUID(),
      accountId: account.id,
      keyId: account.id,
      endpoint: 'verify',
      statusCode: success ? 200 : 422,
      success,
      errorCode: success ? null : 'NO_FACE',
      latencyMs: 12,
      time: time.toISOString(),
    };
  }

  it('after N calls reports N, the success rate, today in daily_usage and the last 20 calls', async () => {
    const a = await registerAccount(t.http);
    await burst(18, 6, () => call(a));
    await burst(7, 6, () => call(a, FAIL));
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 25);
    const today = new Date().toISOString().slice(0, 10);
    expect(body).toEqual({
      success: true,
      user: { plan: 'free', api_key: `${a.apiKey.slice(0, 7)}...${a.apiKey.slice(-4)}` },
      usage: { monthly_calls: 25, monthly_limit: 1000, total_calls: 25, success_rate: 72, enrolled_faces: 0 },
      daily_usage: expect.any(Array),
      recent_logs: expect.any(Array),
    });
    expect(body.daily_usage).toHaveLength(30);
    expect(body.daily_usage[29]).toEqual({ day: today, calls: 25 });
    expect(body.daily_usage.slice(0, 29).every((d: any) => d.calls === 0)).toBe(true);
    const days = body.daily_usage.map((d: any) => d.day);
    expect([...days].sort()).toEqual(days);
    expect(body.recent_logs).toHaveLength(20);
    for (const log of body.recent_logs) {
      expect(Object.keys(log).sort()).toEqual(['created_at', 'endpoint', 'error_code', 'latency_ms', 'status_code', 'success']);
      expect(log.success ? [200, null] : [422, 'NO_FACE']).toEqual([log.status_code, log.error_code]);
      expect(log.latency_ms).toBeGreaterThanOrEqual(0);
    }
    const times = body.recent_logs.map((l: any) => l.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(body)).not.toContain(a.apiKey);
  });

  it('rounds the success rate to one decimal', async () => {
    const a = await registerAccount(t.http);
    await call(a);
    await call(a);
    await call(a, FAIL);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls === 3);
    expect(body.usage.success_rate).toBe(66.7);
  });

  it('answers the same for /usage/{own key}', async () => {
    const a = await registerAccount(t.http);
    await call(a);
    const own = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls === 1);
    const byPath = await usage(a, `/api/v1/usage/${a.apiKey}`).expect(200);
    expect(byPath.body).toEqual(own);
  });

  it("refuses /usage/{another account's key} with 404 NOT_FOUND, revealing nothing", async () => {
    const a = await registerAccount(t.http);
    const b = await registerAccount(t.http);
    const res = await usage(a, `/api/v1/usage/${b.apiKey}`).expect(404);
    expect(res.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(res.body)).not.toContain(b.apiKey.slice(-4));
    const unknown = await usage(a, `/api/v1/usage/fa_${'x'.repeat(43)}`).expect(404);
    expect(unknown.body.error).toEqual(res.body.error);
    await usage(a, '/api/v1/usage/not-a-key').expect(404);
  });

  it('needs a key: 401 MISSING_API_KEY without one, 401 INVALID_API_KEY with a wrong one', async () => {
    const a = await registerAccount(t.http);
    expect((await t.http.get('/api/v1/usage').expect(401)).body.error.code).toBe('MISSING_API_KEY');
    expect((await t.http.get(`/api/v1/usage/${a.apiKey}`).expect(401)).body.error.code).toBe('MISSING_API_KEY');
    expect((await t.http.get('/api/v1/usage').set('X-API-Key', `fa_${'y'.repeat(43)}`).expect(401)).body.error.code).toBe('INVALID_API_KEY');
  });

  it("never shows key B's calls in key A's usage", async () => {
    const a = await registerAccount(t.http);
    const b = await registerAccount(t.http);
    await burst(3, 3, () => call(a));
    await burst(5, 5, () => call(b, FAIL));
    const ofA = await waitForUsage(t.http, a.apiKey, (body) => body.usage.total_calls >= 3);
    const ofB = await waitForUsage(t.http, b.apiKey, (body) => body.usage.total_calls >= 5);
    expect(ofA.usage).toMatchObject({ total_calls: 3, success_rate: 100 });
    expect(ofA.recent_logs).toHaveLength(3);
    expect(ofA.recent_logs.every((l: any) => l.success)).toBe(true);
    expect(ofB.usage).toMatchObject({ total_calls: 5, success_rate: 0 });
    expect(ofB.recent_logs.every((l: any) => l.error_code === 'NO_FACE')).toBe(true);
  });

  it('shows exactly N after a burst of N concurrent calls: nothing lost, nothing doubled', async () => {
    const a = await registerAccount(t.http);
    await t.app.get(AccountsService).setPlan(a.email, 'pro');
    const statuses = await burst(150, 25, (i) => call(a, i % 5 === 0 ? FAIL : OK));
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 150);
    expect(body.usage).toMatchObject({ total_calls: 150, monthly_calls: 150, success_rate: 80 });
  });

  it('counts an event once even when it is delivered again (retried job)', async () => {
    const a = await registerAccount(t.http);
    const recorder = t.app.get(UsageRecorder);
    const events = [event(a, new Date()), event(a, new Date(), false)];
    expect(await recorder.record(events)).toBe(2);
    expect(await recorder.record(events)).toBe(0);
    expect(await recorder.record([events[1], event(a, new Date())])).toBe(1);
    const body = (await usage(a).expect(200)).body;
    expect(body.usage).toMatchObject({ total_calls: 3, success_rate: 66.7 });
    expect(body.recent_logs).toHaveLength(3);
  });

  it('puts calls on their UTC day, shows older days with zeros, and leaves last month out of monthly_calls', async () => {
    const a = await registerAccount(t.http);
    const now = new Date();
    const twoDaysAgo = new Date(now.getTime() - 2 * DAY_MS);
    const longAgo = new Date(now.getTime() - 45 * DAY_MS);
    await t.app.get(UsageRecorder).record([event(a, twoDaysAgo), event(a, twoDaysAgo), event(a, longAgo)]);
    const body = (await usage(a).expect(200)).body;
    expect(body.daily_usage[27]).toEqual({ day: twoDaysAgo.toISOString().slice(0, 10), calls: 2 });
    expect(body.daily_usage.reduce((sum: number, d: any) => sum + d.calls, 0)).toBe(2);
    expect(body.usage.total_calls).toBe(3);
    const sameMonth = twoDaysAgo.toISOString().slice(0, 7) === now.toISOString().slice(0, 7);
    expect(body.usage.monthly_calls).toBe(sameMonth ? 2 : 0);
  });

  it('prunes call-log rows older than the retention period and keeps the aggregates', async () => {
    const a = await registerAccount(t.http);
    const now = new Date();
    await t.app.get(UsageRecorder).record([
      event(a, new Date(now.getTime() - 91 * DAY_MS)),
      event(a, new Date(now.getTime() - 100 * DAY_MS), false),
      event(a, new Date(now.getTime() - 89 * DAY_MS)),
    ]);
    expect((await usage(a).expect(200)).body.recent_logs).toHaveLength(3);
    expect(await t.app.get(UsageRetention).prune(now)).toBeGreaterThanOrEqual(2);
    const body = (await usage(a).expect(200)).body;
    expect(body.recent_logs).toHaveLength(1);
    expect(body.usage).toMatchObject({ total_calls: 3, success_rate: 66.7 });
  });

  it("counts the account's enrolled users in enrolled_faces", async () => {
    const a = await registerAccount(t.http);
    const b = await registerAccount(t.http);
    const em = t.app.get(MikroORM).em.fork();
    const now = new Date();
    await em.insertMany(EnrolledUser, [
      { account: a.id, name: '101', createdAt: now, updatedAt: now },
      { account: a.id, name: 'Rahim', createdAt: now, updatedAt: now },
      { account: b.id, name: '101', createdAt: now, updatedAt: now },
    ]);
    expect((await usage(a).expect(200)).body.usage.enrolled_faces).toBe(2);
  });
});

describe('Usage in-process, written USAGE_RECORD_DELAY_MS after the response', () => {
  const loggedCalls = async (app: TestApp, accountId: number) =>
    Number((await app.app.get(MikroORM).em.getConnection().execute('select count(*) as n from usage_call_logs where account_id = ?', [accountId]))[0].n);
  // The longest delay the config allows, and far longer than each check below takes: every row counted here was
  // written by GET /usage or by the shutdown, not by the timer.
  const delayed = { ...NO_FACES, redisUrl: null, usage: { recordDelayMs: 1000 } };

  it('holds the calls back, GET /usage records what is pending before it reads, and a shutdown writes the rest', async () => {
    const first = await startTestApp(delayed, [MeteredProbeModule]);
    let firstOpen = true;
    let second: TestApp | undefined;
    try {
      const a = await registerAccount(first.http);
      await burst(3, 3, () => first.http.post(OK).set('X-API-Key', a.apiKey).send({}));
      expect(await loggedCalls(first, a.id)).toBe(0);
      const body = (await first.http.get('/api/v1/usage').set('X-API-Key', a.apiKey).expect(200)).body;
      expect(body.usage.total_calls).toBe(3);
      expect(await loggedCalls(first, a.id)).toBe(3);

      await burst(2, 2, () => first.http.post(FAIL).set('X-API-Key', a.apiKey).send({}));
      expect(await loggedCalls(first, a.id)).toBe(3);
      await first.app.close();
      firstOpen = false;
      second = await startTestApp(delayed, [MeteredProbeModule], { database: first.database });
      expect(await loggedCalls(second, a.id)).toBe(5);
    } finally {
      if (firstOpen) await first.app.close();
      await second?.app.close();
      await first.database.drop();
    }
  });
});
