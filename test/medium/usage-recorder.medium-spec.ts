import { UsageRecorder } from '@faceauth/usage';
import { UsageEventsRepository } from '../../libs/usage/src/repositories';
import { startUsageMedium, UsageMedium, usageEvent } from './usage-medium';

describe(UsageRecorder.name, () => {
  let m: UsageMedium;
  let recorder: UsageRecorder;
  beforeAll(async () => {
    m = await startUsageMedium();
    recorder = m.module.get(UsageRecorder);
  });
  afterAll(() => m.close());

  const daily = async (accountId: number) =>
    (await m.sql('select day, calls, successes from usage_daily where account_id = ? order by day', [accountId])).map((r) => ({
      day: r.day,
      calls: Number(r.calls),
      successes: Number(r.successes),
    }));
  const logged = async (accountId: number) =>
    Number((await m.sql('select count(*) as n from usage_call_logs where account_id = ?', [accountId]))[0].n);

  const noon = new Date('2031-06-15T12:00:00Z');

  it('writes one call-log row per event and adds calls and successes to the day', async () => {
    const a = await m.account();
    expect(await recorder.record([usageEvent(a, noon), usageEvent(a, noon, 'NO_FACE'), usageEvent(a, noon)])).toBe(3);
    expect(await logged(a)).toBe(3);
    expect(await daily(a)).toEqual([{ day: '2031-06-15', calls: 3, successes: 2 }]);
  });

  it('counts an event once when the same event id is recorded twice', async () => {
    const a = await m.account();
    const events = [usageEvent(a, noon), usageEvent(a, noon, 'NO_FACE')];
    expect(await recorder.record(events)).toBe(2);
    expect(await recorder.record(events)).toBe(0);
    expect(await recorder.record([events[1], usageEvent(a, noon)])).toBe(1);
    expect(await logged(a)).toBe(3);
    expect(await daily(a)).toEqual([{ day: '2031-06-15', calls: 3, successes: 2 }]);
  });

  it('counts an event once when two deliveries of it are recorded at the same time', async () => {
    const a = await m.account();
    const events = Array.from({ length: 10 }, () => usageEvent(a, noon));
    const news = await Promise.all([recorder.record(events), recorder.record(events), recorder.record(events.slice(0, 5))]);
    expect(news.reduce((sum, n) => sum + n, 0)).toBe(10);
    expect(await logged(a)).toBe(10);
    expect(await daily(a)).toEqual([{ day: '2031-06-15', calls: 10, successes: 10 }]);
  });

  it('puts each event on the UTC day of its call time', async () => {
    const a = await m.account();
    await recorder.record([
      usageEvent(a, new Date('2031-06-30T23:59:59.999Z')),
      usageEvent(a, new Date('2031-07-01T00:00:00.000Z'), 'NO_FACE'),
      usageEvent(a, new Date('2031-07-01T10:00:00.000Z')),
    ]);
    expect(await daily(a)).toEqual([
      { day: '2031-06-30', calls: 1, successes: 1 },
      { day: '2031-07-01', calls: 2, successes: 1 },
    ]);
  });

  it('writes nothing of a batch that fails half-way, so the retried batch counts every event once', async () => {
    const a = await m.account();
    const good = usageEvent(a, noon);
    // The recorder writes a batch in one repository transaction: fail that transaction after the first row.
    const crash = new Error('the process failed in the middle of a batch');
    await expect(
      m.module.get(UsageEventsRepository).transaction(async (tx) => {
        await tx.insertCallLog(good);
        throw crash;
      }),
    ).rejects.toBe(crash);
    expect(await logged(a)).toBe(0);
    expect(await daily(a)).toEqual([]);
    expect(await recorder.record([good])).toBe(1);
    expect(await daily(a)).toEqual([{ day: '2031-06-15', calls: 1, successes: 1 }]);
  });
});
