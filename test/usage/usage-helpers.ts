import TestAgent from 'supertest/lib/agent';
import { MikroORM } from '@mikro-orm/core';
import { INestApplication } from '@nestjs/common';

export const OK = '/api/v1/probe-metered/ok';
export const FAIL = '/api/v1/probe-metered/fail';
export const VALIDATED = '/api/v1/probe-metered/validated';

/**
 * Reads `read()` every `intervalMs` until `done` holds for the value, and returns it; fails after `deadlineMs`
 * naming `what` and the last value. The tests wait on conditions like this, never on the clock.
 */
export async function poll<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { deadlineMs = 20_000, intervalMs = 20 }: { deadlineMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`${what} not reached within ${deadlineMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `condition()` holds. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, deadlineMs?: number): Promise<void> {
  await poll(what, condition, (held) => held, { deadlineMs });
}

/** Polls GET /usage until `done` holds (the queue drained), failing after the deadline. */
export function waitForUsage(http: TestAgent, apiKey: string, done: (body: any) => boolean, deadlineMs = 20_000): Promise<any> {
  return poll(
    'the expected usage',
    async () => (await http.get('/api/v1/usage').set('X-API-Key', apiKey).expect(200)).body,
    done,
    { deadlineMs, intervalMs: 50 },
  );
}

/** Sends `count` calls with at most `parallel` in flight. */
export async function burst(count: number, parallel: number, call: (i: number) => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        statuses[i] = (await call(i)).status;
      }
    }),
  );
  return statuses;
}

/** Sets how many calls an account has used this month, straight in the quota table. */
export async function setMonthlyUsed(app: INestApplication, accountId: number, used: number): Promise<void> {
  const connection = app.get(MikroORM).em.getConnection();
  const month = new Date().toISOString().slice(0, 7);
  await connection.execute('delete from usage_quotas where account_id = ? and month = ?', [accountId, month], 'run');
  await connection.execute('insert into usage_quotas (account_id, month, used) values (?, ?, ?)', [accountId, month, used], 'run');
}

export async function monthlyUsed(app: INestApplication, accountId: number): Promise<number> {
  const connection = app.get(MikroORM).em.getConnection();
  const month = new Date().toISOString().slice(0, 7);
  const row = await connection.execute('select used from usage_quotas where account_id = ? and month = ?', [accountId, month], 'get');
  return row ? Number(row.used) : 0;
}
