import { randomBytes } from 'node:crypto';
import { uniqueEmail } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';

const register = (t: TestApp, email = uniqueEmail()) => t.http.post('/api/v1/register').send({ email, name: 'Limited' });

/** Polls until the condition holds (no fixed sleep): the window is a short configured one. */
async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('POST /api/v1/register is limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_FACES, registration: { perWindow: 2, windowMs: 1500 } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMIT with Retry-After beyond the limit, counts failed attempts, and opens again with the next window', async () => {
    const email = uniqueEmail();
    // Start on a fresh window: earlier attempts of this address may still count.
    await eventually(() => register(t, email), (res) => res.status === 201);
    expect((await register(t, email)).status).toBe(409); // a failed attempt counts too
    const refused = await register(t).set('X-Forwarded-For', `10.0.0.${randomBytes(1)[0]}`); // not trusted: same address
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ success: false, error: { code: 'RATE_LIMIT', details: { limit: 2 } } });
    expect(refused.body.error.message).toMatch(/Registration limit of 2/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(2);
    const reopened = await eventually(() => register(t), (res) => res.status !== 429);
    expect(reopened.status).toBe(201);
  });
});

describe('POST /api/v1/register closed by the operator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_FACES, registration: { open: false } });
  });
  afterAll(() => t.close());

  it('answers 403 FORBIDDEN and creates no account', async () => {
    const res = await register(t).expect(403);
    expect(res.body).toMatchObject({ success: false, error: { code: 'FORBIDDEN', message: 'Registration is closed on this server' } });
    const em = t.app.get(require('@mikro-orm/core').MikroORM).em.fork();
    expect(Number((await em.getConnection().execute('select count(*) as n from accounts'))[0].n)).toBe(0);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('POST /api/v1/register limit shared through Redis (TEST_REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const shared = { ...NO_FACES, redisUrl, usage: { redisPrefix: `faceauth-test-${randomBytes(4).toString('hex')}` }, registration: { perWindow: 2, windowMs: 60_000 } };
    a = await startTestApp(shared);
    b = await startTestApp(shared);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('counts one address across two API processes', async () => {
    await register(a).expect(201);
    await register(b).expect(201);
    expect((await register(a)).status).toBe(429);
    const refused = await register(b).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
  });
});
