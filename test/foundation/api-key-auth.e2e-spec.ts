import { registerAccount, RegisteredAccount } from '../factories/accounts';
import { ProbeModule } from '../support/probe.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('API key authentication (ApiKeyGuard)', () => {
  let t: TestApp;
  let account: RegisteredAccount;
  beforeAll(async () => {
    t = await startTestApp({}, [ProbeModule]);
    account = await registerAccount(t.http);
  });
  afterAll(() => t.close());

  it('accepts the key in X-API-Key', async () => {
    const res = await t.http.get('/api/v1/probe/keyed').set('X-API-Key', account.apiKey).expect(200);
    expect(res.body).toMatchObject({ accountId: account.id, maskedKey: `${account.apiKey.slice(0, 7)}...${account.apiKey.slice(-4)}` });
  });

  it('accepts Authorization: Bearer, also with extra spaces', async () => {
    await t.http.get('/api/v1/probe/keyed').set('Authorization', `Bearer ${account.apiKey}`).expect(200);
    await t.http.get('/api/v1/probe/keyed').set('Authorization', `  bearer    ${account.apiKey}   `).expect(200);
  });

  it('accepts a JSON body field api_key and removes it from the body', async () => {
    const res = await t.http.post('/api/v1/probe/keyed').send({ api_key: account.apiKey, other: 1 }).expect(201);
    expect(res.body).toMatchObject({ accountId: account.id, bodyKeys: ['other'] });
  });

  it('accepts a multipart field api_key beside an uploaded file', async () => {
    const res = await t.http
      .post('/api/v1/probe/upload')
      .field('api_key', account.apiKey)
      .attach('image', Buffer.from('not really an image'), 'a.jpg')
      .expect(201);
    expect(res.body).toMatchObject({ accountId: account.id, imageBytes: 19, bodyKeys: [] });
  });

  it('prefers X-API-Key over Bearer and body', async () => {
    const other = await registerAccount(t.http);
    const res = await t.http
      .post('/api/v1/probe/keyed')
      .set('X-API-Key', other.apiKey)
      .set('Authorization', `Bearer ${account.apiKey}`)
      .send({ api_key: account.apiKey })
      .expect(201);
    expect(res.body.accountId).toBe(other.id);
  });

  it('rejects a request without a key with 401 MISSING_API_KEY', async () => {
    const res = await t.http.get('/api/v1/probe/keyed').expect(401);
    expect(res.body).toMatchObject({ success: false, error: { code: 'MISSING_API_KEY' }, request_id: expect.any(String) });
    const upload = await t.http.post('/api/v1/probe/upload').attach('image', Buffer.from('x'), 'a.jpg').expect(401);
    expect(upload.body.error.code).toBe('MISSING_API_KEY');
  });

  it.each([
    ['a wrong prefix', () => 'sk_' + account.apiKey.slice(3)],
    ['an unknown key of the right shape', () => 'fa_' + 'A'.repeat(43)],
    ['a truncated key', () => account.apiKey.slice(0, -1)],
    ['a key with a trailing character', () => account.apiKey + 'x'],
  ])('rejects %s with 401 INVALID_API_KEY', async (_label, key) => {
    const res = await t.http.get('/api/v1/probe/keyed').set('X-API-Key', key()).expect(401);
    expect(res.body.error.code).toBe('INVALID_API_KEY');
  });

  it('rejects an Authorization header that is not a Bearer token with INVALID_API_KEY', async () => {
    const res = await t.http.get('/api/v1/probe/keyed').set('Authorization', `Basic ${account.apiKey}`).expect(401);
    expect(res.body.error.code).toBe('INVALID_API_KEY');
  });

  it('rejects a revoked key with 401 INVALID_API_KEY', async () => {
    const victim = await registerAccount(t.http);
    const successor = await t.http.post('/api/v1/keys').set('X-API-Key', victim.apiKey).send({ kind: 'secret' }).expect(201);
    const { keys } = (await t.http.get('/api/v1/keys').set('X-API-Key', victim.apiKey).expect(200)).body;
    const first = keys.find((key: { id: number; kind: string }) => key.id !== successor.body.key.id && key.kind === 'secret');
    await t.http.delete(`/api/v1/keys/${first.id}`).set('X-API-Key', successor.body.api_key).expect(200);
    const res = await t.http.get('/api/v1/probe/keyed').set('X-API-Key', victim.apiKey).expect(401);
    expect(res.body.error.code).toBe('INVALID_API_KEY');
  });

  it('rejects an invalid header key before reading the upload', async () => {
    const res = await t.http
      .post('/api/v1/probe/upload')
      .set('X-API-Key', 'fa_' + 'B'.repeat(43))
      .attach('image', Buffer.alloc(1024), 'a.jpg')
      .expect(401);
    expect(res.body.error.code).toBe('INVALID_API_KEY');
  });

  it('rejects an unexpected file field with 400 VALIDATION_ERROR', async () => {
    const res = await t.http
      .post('/api/v1/probe/upload')
      .set('X-API-Key', account.apiKey)
      .attach('photo', Buffer.from('x'), 'a.jpg')
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'photo' } });
  });

  it('rejects a malformed multipart body with 400 VALIDATION_ERROR', async () => {
    const res = await t.http
      .post('/api/v1/probe/upload')
      .set('X-API-Key', account.apiKey)
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nunterminated')
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });
});
