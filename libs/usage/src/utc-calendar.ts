/** Calendar arithmetic in UTC, the timezone of every usage counter. */

/** YYYY-MM-DD */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM */
export function utcMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** Whole seconds (at least 1) until the first instant of the next UTC month: the monthly quota's reset. */
export function secondsUntilNextMonth(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** The last `count` UTC days ending today, oldest first. */
export function lastUtcDays(now: Date, count: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => utcDay(new Date(today - (count - 1 - i) * 86_400_000)));
}
