import { UsageCallLog, UsageRecorder, UsageRetention } from '@faceauth/usage';
import { DAY_MS, startUsageMedium, UsageMedium, usageEvent } from './usage-medium';

const RETENTION_DAYS = 90;

describe(UsageRetention.name, () => {
  let m: UsageMedium;
  let retention: UsageRetention;
  let recorder: UsageRecorder;
  beforeAll(async () => {
    m = await startUsageMedium({ usage: { retentionDays: RETENTION_DAYS } });
    retention = m.module.get(UsageRetention);
    recorder = m.module.get(UsageRecorder);
  });
  afterAll(() => m.close());

  const now = new Date('2031-06-10T15:00:00Z');
  const cutoff = now.getTime() - RETENTION_DAYS * DAY_MS;
  const loggedEvents = async (accountId: number) =>
    (await m.sql('select event_id from usage_call_logs where account_id = ?', [accountId])).map((r) => r.event_id).sort();
  const dailyTotal = async (accountId: number) =>
    Number((await m.sql('select coalesce(sum(calls), 0) as n from usage_daily where account_id = ?', [accountId]))[0].n);

  it('deletes the call-log rows older than the retention period only, of every account, and keeps the daily aggregates', async () => {
    const a = await m.account();
    const b = await m.account();
    const old = [usageEvent(a, new Date(cutoff - 1000)), usageEvent(a, new Date(cutoff - 10 * DAY_MS), 'NO_FACE'), usageEvent(b, new Date(cutoff - 1000))];
    const kept = [usageEvent(a, new Date(cutoff + 1000)), usageEvent(a, now), usageEvent(b, new Date(cutoff + 1000))];
    await recorder.record([...old, ...kept]);

    expect(await retention.prune(now)).toBe(3);
    expect(await loggedEvents(a)).toEqual([kept[0].eventId, kept[1].eventId].sort());
    expect(await loggedEvents(b)).toEqual([kept[2].eventId]);
    expect(await dailyTotal(a)).toBe(4);
    expect(await dailyTotal(b)).toBe(2);
    expect(await retention.prune(now)).toBe(0);
  });

  it('removes more rows than one delete batch holds', async () => {
    const a = await m.account();
    const old = new Date(cutoff - DAY_MS);
    const rows = Array.from({ length: 5003 }, (_, i) => ({
      ...toRow(usageEvent(a, old)),
      createdAt: new Date(old.getTime() + i),
    }));
    await m.orm.em.fork().insertMany(UsageCallLog, rows);
    await recorder.record([usageEvent(a, now)]);
    expect(await retention.prune(now)).toBe(5003);
    expect(await loggedEvents(a)).toHaveLength(1);
  });
});

function toRow(event: ReturnType<typeof usageEvent>) {
  return {
    eventId: event.eventId,
    requestId: event.requestId,
    account: event.accountId,
    keyId: event.keyId,
    endpoint: event.endpoint,
    statusCode: event.statusCode,
    success: event.success,
    errorCode: event.errorCode,
    latencyMs: event.latencyMs,
  };
}
