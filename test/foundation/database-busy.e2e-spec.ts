import { MikroORM } from '@mikro-orm/core';
import { uniqueEmail } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';

/** The driver MikroORM's SQLite adapter uses (it ships no types): a second connection that holds the lock. */
interface SqliteConnection {
  exec(sql: string): void;
  close(): void;
  inTransaction: boolean;
}
const Database: new (file: string) => SqliteConnection = require('better-sqlite3');

const BUSY_TIMEOUT_MS = 500;

/** Collects the JSON log lines written to stdout while `fn` runs. */
async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return { result: await fn(), lines };
  } finally {
    spy.mockRestore();
  }
}

(process.env.TEST_DATABASE_URL ? describe.skip : describe)('SQLite held by another writer', () => {
  let t: TestApp;
  let holder: SqliteConnection;
  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'info', database: { busyTimeoutMs: BUSY_TIMEOUT_MS } });
    holder = new Database(t.database.url.slice('sqlite:'.length));
  });
  afterAll(async () => {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
    await t.close();
  });

  it('fails fast with 503 SERVICE_UNAVAILABLE, says unhealthy within 1 s, logs no SQL or user value, and recovers', async () => {
    const email = uniqueEmail('locked');
    holder.exec('BEGIN EXCLUSIVE');
    const { result, lines } = await captureLogs(async () => {
      const started = Date.now();
      const register = await t.http.post('/api/v1/register').set('X-Request-Id', 'busy-1').send({ email, name: 'Locked Out' });
      const registerMs = Date.now() - started;
      const healthStarted = Date.now();
      const health = await t.http.get('/api/v1/health');
      return { register, registerMs, health, healthMs: Date.now() - healthStarted };
    });

    expect(result.register.status).toBe(503);
    expect(result.register.body).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
      request_id: 'busy-1',
    });
    expect(result.register.headers['retry-after']).toBe('1');
    expect(result.registerMs).toBeLessThan(BUSY_TIMEOUT_MS + 1500);

    expect(result.health.status).toBe(503);
    expect(result.health.body).toMatchObject({ success: false, status: 'unhealthy', database: 'unwritable' });
    expect(result.healthMs).toBeLessThan(1000);

    const logged = lines.join('');
    expect(lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'database error')).toMatchObject({
      level: 'error',
      request_id: 'busy-1',
      code: 'SERVICE_UNAVAILABLE',
      error_class: 'LockWaitTimeoutException',
      error_code: 'SQLITE_BUSY',
    });
    expect(logged).not.toMatch(/insert|select|update|values|accounts/i);
    expect(logged).not.toContain(email);
    expect(logged).not.toContain('Locked Out');

    holder.exec('ROLLBACK');
    await t.http.post('/api/v1/register').send({ email, name: 'Locked Out' }).expect(201);
    const health = await t.http.get('/api/v1/health');
    expect(health.body).toMatchObject({ database: 'ok' });
    expect(health.status).toBe(health.body.models_loaded ? 200 : 503);
  });
});

describe('a database that is gone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'info' });
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE, not 500, and logs the error by class and code only', async () => {
    const orm = t.app.get(MikroORM);
    await orm.close(true);
    try {
      const email = uniqueEmail('gone');
      const { result, lines } = await captureLogs(() => t.http.post('/api/v1/register').set('X-Request-Id', 'gone-1').send({ email, name: 'Gone' }));
      expect(result.status).toBe(503);
      expect(result.body.error.code).toBe('SERVICE_UNAVAILABLE');
      const entry = lines.map((line) => JSON.parse(line)).find((line) => line.request_id === 'gone-1' && line.level === 'error');
      expect(entry).toMatchObject({ msg: 'database error', error_class: expect.any(String) });
      expect(lines.join('')).not.toContain(email);
      expect(lines.join('')).not.toMatch(/insert into/i);
    } finally {
      await orm.connect();
    }
  });
});
