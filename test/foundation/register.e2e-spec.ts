import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { uniqueEmail } from '../factories/accounts';

describe('POST /api/v1/register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(NO_FACES);
  });
  afterAll(() => t.close());

  it('creates a free account and returns a 256-bit secret key and a publishable key once', async () => {
    const email = uniqueEmail();
    const res = await t.http.post('/api/v1/register').send({ email: email.toUpperCase(), name: ' John Doe ' }).expect(201);
    expect(res.body).toEqual({
      success: true,
      api_key: expect.stringMatching(/^fa_[A-Za-z0-9_-]{43}$/),
      publishable_key: expect.stringMatching(/^fa_pub_[A-Za-z0-9_-]{43}$/),
      user: { id: expect.any(Number), public_id: expect.stringMatching(/^acct_[0-9a-f]{24}$/), email, name: 'John Doe', plan: 'free' },
    });
  });

  it('stores only the SHA-256 of the key', async () => {
    const res = await t.http.post('/api/v1/register').send({ email: uniqueEmail(), name: 'Hash Check' }).expect(201);
    const em = t.app.get(require('@mikro-orm/core').MikroORM).em.fork();
    const rows = await em.getConnection().execute('select key_hash, display_prefix, display_suffix from api_keys');
    const key: string = res.body.api_key;
    const hash = require('node:crypto').createHash('sha256').update(key).digest('hex');
    expect(rows.map((r: any) => r.key_hash)).toContain(hash);
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it('rejects the same email in another letter case with 409 EMAIL_EXISTS', async () => {
    const email = uniqueEmail();
    await t.http.post('/api/v1/register').send({ email, name: 'First' }).expect(201);
    const res = await t.http.post('/api/v1/register').send({ email: email.replace('dev', 'DEV'), name: 'Second' }).expect(409);
    expect(res.body.error.code).toBe('EMAIL_EXISTS');
  });

  it('creates exactly one account from 20 concurrent registrations of one email', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post('/api/v1/register').send({ email, name: 'Racer' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    results.filter((r) => r.status === 409).forEach((r) => expect(r.body.error.code).toBe('EMAIL_EXISTS'));
  });

  describe('bad bodies get 400 VALIDATION_ERROR in the envelope', () => {
    const cases: [string, () => any][] = [
      ['a missing email', () => ({ name: 'x' })],
      ['an invalid email', () => ({ email: 'not-an-email', name: 'x' })],
      ['an email that is a number', () => ({ email: 42, name: 'x' })],
      ['an empty name', () => ({ email: uniqueEmail(), name: '' })],
      ['a whitespace-only name', () => ({ email: uniqueEmail(), name: '   ' })],
      ['a 10,000-character name', () => ({ email: uniqueEmail(), name: 'n'.repeat(10_000) })],
      ['an unknown field', () => ({ email: uniqueEmail(), name: 'x', admin: true })],
    ];
    it.each(cases)('%s', async (_label, body) => {
      const res = await t.http.post('/api/v1/register').send(body()).expect(400);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' }, request_id: expect.any(String) });
      expect(res.body.error.details.fields).toBeDefined();
    });

    it.each([
      ['a JSON array', '[{"email":"a@b.co","name":"x"}]', 'application/json'],
      ['a JSON string', '"hello"', 'application/json'],
      ['malformed JSON', '{"email": "a@b.co",', 'application/json'],
      ['a wrong content type', 'email=a@b.co&name=x', 'application/x-www-form-urlencoded'],
      ['plain text', 'hello', 'text/plain'],
    ])('%s', async (_label, raw, type) => {
      const res = await t.http.post('/api/v1/register').set('Content-Type', type).send(raw).expect(400);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
      expect(res.body.error.message).not.toMatch(/position|token/i);
    });
  });

  it('rejects a 2 MB JSON body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http
      .post('/api/v1/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: uniqueEmail(), name: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
