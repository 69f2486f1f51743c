import { lastUtcDays, secondsUntilNextMonth, utcDay, utcMonth } from './utc-calendar';

describe('utc-calendar', () => {
  it('names the UTC day and month, not the local ones', () => {
    const lateNight = new Date('2026-06-30T23:59:59.999Z');
    expect(utcDay(lateNight)).toBe('2026-06-30');
    expect(utcMonth(lateNight)).toBe('2026-06');
  });

  it('counts the seconds to the next month, across a year end', () => {
    expect(secondsUntilNextMonth(new Date('2026-12-31T23:59:00Z'))).toBe(60);
    expect(secondsUntilNextMonth(new Date('2026-02-01T00:00:00Z'))).toBe(28 * 86_400);
  });

  it('never answers 0 seconds, so Retry-After is always useful', () => {
    expect(secondsUntilNextMonth(new Date('2026-07-31T23:59:59.999Z'))).toBe(1);
  });

  it('lists the last 30 days oldest first, ending today, across a month end', () => {
    const days = lastUtcDays(new Date('2026-03-02T10:00:00Z'), 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2026-02-01');
    expect(days[27]).toBe('2026-02-28');
    expect(days[29]).toBe('2026-03-02');
  });
});
