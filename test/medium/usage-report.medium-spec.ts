import { ApiKey, generateApiKey } from '@faceauth/api-keys';
import { AuthContext, NotFoundError } from '@faceauth/common';
import { EnrolledUser } from '@faceauth/enrollment';
import { UsageRecorder } from '@faceauth/usage';
import { UsageReportService } from '../../libs/usage/src/report/usage-report.service';
import { DAY_MS, startUsageMedium, UsageMedium, usageEvent } from './usage-medium';

describe(UsageReportService.name, () => {
  let m: UsageMedium;
  let reports: UsageReportService;
  let recorder: UsageRecorder;
  beforeAll(async () => {
    m = await startUsageMedium();
    reports = m.module.get(UsageReportService);
    recorder = m.module.get(UsageRecorder);
  });
  afterAll(() => m.close());

  const now = new Date('2031-06-10T15:00:00Z');
  const auth = (accountId: number, plan = 'free'): AuthContext => ({ accountId, accountPublicId: `acct_${accountId}`, keyId: 1, keyKind: 'secret', plan, maskedKey: 'fa_abcd...wxyz' });
  const daysAgo = (days: number, ms = 0) => new Date(now.getTime() - days * DAY_MS + ms);

  /** Stores a new key of the account and returns the full key. */
  async function issueKey(accountId: number, revoked = false): Promise<string> {
    const { key, hash, displayPrefix, displaySuffix } = generateApiKey();
    await m.orm.em
      .fork()
      .insert(ApiKey, { account: accountId, kind: 'secret', keyHash: hash, displayPrefix, displaySuffix, createdAt: now, revokedAt: revoked ? now : null });
    return key;
  }

  it('reports 30 UTC days oldest first with zero days, this month, totals and the success rate to one decimal', async () => {
    const a = await m.account();
    await recorder.record([
      usageEvent(a, now),
      usageEvent(a, now, 'NO_FACE'),
      usageEvent(a, daysAgo(2)),
      usageEvent(a, daysAgo(12)), // last month (May): in total_calls and daily_usage, not in monthly_calls
      usageEvent(a, daysAgo(29)),
      usageEvent(a, daysAgo(30)), // outside the 30 days
    ]);
    const body = await reports.report(auth(a), now);
    expect(body.success).toBe(true);
    expect(body.user).toEqual({ plan: 'free', api_key: 'fa_abcd...wxyz' });
    expect(body.usage).toEqual({ monthly_calls: 3, monthly_limit: 1000, total_calls: 6, success_rate: 83.3, enrolled_faces: 0 });
    expect(body.daily_usage).toHaveLength(30);
    expect(body.daily_usage[0]).toEqual({ day: '2031-05-12', calls: 1 });
    expect(body.daily_usage[17]).toEqual({ day: '2031-05-29', calls: 1 });
    expect(body.daily_usage[27]).toEqual({ day: '2031-06-08', calls: 1 });
    expect(body.daily_usage[29]).toEqual({ day: '2031-06-10', calls: 2 });
    expect(body.daily_usage.filter((d) => d.calls === 0)).toHaveLength(26);
    const days = body.daily_usage.map((d) => d.day);
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(30);
  });

  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [0, 2, 0],
  ])('rounds %i successes of %i calls to a success rate of %d', async (successes, calls, rate) => {
    const a = await m.account();
    await recorder.record(Array.from({ length: calls }, (_, i) => usageEvent(a, now, i < successes ? null : 'NO_FACE')));
    expect((await reports.report(auth(a), now)).usage.success_rate).toBe(rate);
  });

  it('reports a success rate of 0 and 30 zero days for an account without calls', async () => {
    const a = await m.account();
    const body = await reports.report(auth(a), now);
    expect(body.usage).toMatchObject({ monthly_calls: 0, total_calls: 0, success_rate: 0 });
    expect(body.daily_usage.every((d) => d.calls === 0)).toBe(true);
    expect(body.recent_logs).toEqual([]);
  });

  it('lists the last 20 calls, newest first, with the contract fields', async () => {
    const a = await m.account();
    const events = Array.from({ length: 25 }, (_, i) => usageEvent(a, daysAgo(1, i * 60_000), i % 2 ? 'NO_FACE' : null));
    await recorder.record(events);
    const { recent_logs: logs } = await reports.report(auth(a), now);
    expect(logs).toHaveLength(20);
    expect(logs.map((l) => l.created_at)).toEqual(events.slice(5).reverse().map((e) => e.time));
    expect(logs[0]).toEqual({ endpoint: 'verify', status_code: 200, success: true, error_code: null, latency_ms: 12, created_at: events[24].time });
    expect(logs[1]).toEqual({ endpoint: 'verify', status_code: 422, success: false, error_code: 'NO_FACE', latency_ms: 12, created_at: events[23].time });
  });

  it("shows only the account's own calls and enrolled users", async () => {
    const a = await m.account();
    const b = await m.account();
    await recorder.record([usageEvent(a, now), usageEvent(b, now, 'NO_FACE'), usageEvent(b, now)]);
    await m.orm.em.fork().insertMany(EnrolledUser, [
      { account: a, name: '101', createdAt: now, updatedAt: now },
      { account: a, name: 'Rahim', createdAt: now, updatedAt: now },
      { account: b, name: '101', createdAt: now, updatedAt: now },
    ]);
    const ofA = await reports.report(auth(a), now);
    expect(ofA.usage).toMatchObject({ total_calls: 1, success_rate: 100, enrolled_faces: 2 });
    expect(ofA.recent_logs).toHaveLength(1);
    expect((await reports.report(auth(b), now)).usage).toMatchObject({ total_calls: 2, success_rate: 50, enrolled_faces: 1 });
  });

  it('gives the monthly limit of the plan, null for an unlimited one', async () => {
    const a = await m.account();
    expect((await reports.report(auth(a, 'pro'), now)).usage.monthly_limit).toBe(10_000);
    expect((await reports.report(auth(a, 'enterprise'), now)).usage.monthly_limit).toBeNull();
  });

  describe('reportForKey', () => {
    it("reports for a live key of the caller's account, masked", async () => {
      const a = await m.account();
      const key = await issueKey(a);
      const body = await reports.reportForKey(auth(a), key);
      expect(body.user.api_key).toBe(`${key.slice(0, 7)}...${key.slice(-4)}`);
      expect(JSON.stringify(body)).not.toContain(key);
    });

    it("refuses another account's key, a revoked key, an unknown key and a malformed one with NotFoundError", async () => {
      const a = await m.account();
      const b = await m.account();
      const ofB = await issueKey(b);
      const revoked = await issueKey(a, true);
      for (const key of [ofB, revoked, `fa_${'x'.repeat(43)}`, 'not-a-key']) {
        await expect(reports.reportForKey(auth(a), key)).rejects.toBeInstanceOf(NotFoundError);
      }
    });
  });
});
