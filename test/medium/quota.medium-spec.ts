import { QuotaService } from '@faceauth/usage';
import { startUsageMedium, UsageMedium } from './usage-medium';

describe(QuotaService.name, () => {
  let m: UsageMedium;
  let quota: QuotaService;
  beforeAll(async () => {
    m = await startUsageMedium();
    quota = m.module.get(QuotaService);
  });
  afterAll(() => m.close());

  const used = async (accountId: number, month: string) =>
    Number((await m.sql('select used from usage_quotas where account_id = ? and month = ?', [accountId, month]))[0]?.used ?? 0);
  const setUsed = (accountId: number, month: string, value: number) =>
    m.sql('insert into usage_quotas (account_id, month, used) values (?, ?, ?)', [accountId, month, value]);

  const june = new Date('2031-06-15T12:00:00Z');

  it('counts takes from 1 within a month', async () => {
    const a = await m.account();
    expect(await quota.take(a, 1000, june)).toBe(1);
    expect(await quota.take(a, 1000, june)).toBe(2);
    expect(await used(a, '2031-06')).toBe(2);
  });

  it('with 10 calls left, gives exactly 10 of 50 concurrent takes, each a distinct count up to the limit', async () => {
    const a = await m.account();
    await setUsed(a, '2031-06', 990);
    const results = await Promise.all(Array.from({ length: 50 }, () => quota.take(a, 1000, june)));
    const granted = results.filter((r): r is number => r !== null);
    expect(granted.sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 991 + i));
    expect(results.filter((r) => r === null)).toHaveLength(40);
    expect(await used(a, '2031-06')).toBe(1000);
  });

  it('takes exactly the limit when many concurrent takes start from an empty month', async () => {
    const a = await m.account();
    const results = await Promise.all(Array.from({ length: 40 }, () => quota.take(a, 25, june)));
    expect(results.filter((r) => r !== null)).toHaveLength(25);
    expect(await used(a, '2031-06')).toBe(25);
  });

  it('changes nothing on a refused take', async () => {
    const a = await m.account();
    await setUsed(a, '2031-06', 5);
    expect(await quota.take(a, 5, june)).toBeNull();
    expect(await used(a, '2031-06')).toBe(5);
  });

  it('never refuses an unlimited plan (limit null)', async () => {
    const a = await m.account();
    await setUsed(a, '2031-06', 5_000_000);
    expect(await quota.take(a, null, june)).toBe(5_000_001);
  });

  it('starts a new count at the first instant of the next UTC month', async () => {
    const a = await m.account();
    const lastInstant = new Date('2031-06-30T23:59:59.999Z');
    await setUsed(a, '2031-06', 1000);
    expect(await quota.take(a, 1000, lastInstant)).toBeNull();
    expect(await quota.take(a, 1000, new Date('2031-07-01T00:00:00.000Z'))).toBe(1);
    expect(await used(a, '2031-06')).toBe(1000);
    expect(await used(a, '2031-07')).toBe(1);
  });

  it('keeps accounts apart', async () => {
    const a = await m.account();
    const b = await m.account();
    await setUsed(a, '2031-06', 3);
    expect(await quota.take(a, 3, june)).toBeNull();
    expect(await quota.take(b, 3, june)).toBe(1);
  });
});
