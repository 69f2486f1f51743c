import { InferenceService, InferenceTicket } from '@faceauth/inference';
import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { enroll, photo, postForm, SHELDON } from '../face-routes/support';
import { answerBeforeBody, multipartStart } from '../support/partial-upload';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForUsage } from '../usage/usage-helpers';

const FACE_ROUTES = ['match', 'verify', 'enroll'];
const BOUNDARY = 'faceauth-test-boundary';
const MULTIPART = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };
const MB = 1024 * 1024;

describe('The request pipeline (authentication, back-pressure, limits, upload, validation)', () => {
  let t: TestApp;
  let a: RegisteredAccount;
  beforeAll(async () => {
    t = await startTestApp({ inference: { maxQueue: 2 } });
    a = await registerAccount(t.http);
  });
  afterAll(() => t.close());

  describe.each(FACE_ROUTES)('POST /%s', (route) => {
    it('answers no key and no body with 401 MISSING_API_KEY', async () => {
      const res = await t.http.post(`/api/v1/${route}`).expect(401);
      expect(res.body.error.code).toBe('MISSING_API_KEY');
    });

    it('answers no key and a text/plain body with 401 MISSING_API_KEY', async () => {
      const res = await t.http.post(`/api/v1/${route}`).set('Content-Type', 'text/plain').send('hello').expect(401);
      expect(res.body.error.code).toBe('MISSING_API_KEY');
    });

    it('answers no key and malformed JSON with 401 MISSING_API_KEY', async () => {
      const res = await t.http.post(`/api/v1/${route}`).set('Content-Type', 'application/json').send('{"name":').expect(401);
      expect(res.body.error.code).toBe('MISSING_API_KEY');
    });

    it('answers an invalid key with 401 INVALID_API_KEY', async () => {
      const res = await t.http.post(`/api/v1/${route}`).set('X-API-Key', 'fa_' + 'A'.repeat(43)).set('Content-Type', 'text/plain').send('x').expect(401);
      expect(res.body.error.code).toBe('INVALID_API_KEY');
    });
  });

  it.each([
    ['PUT /match with JSON', () => t.http.put('/api/v1/match').send({ a: 1 })],
    ['POST /nope with text/plain', () => t.http.post('/api/v1/nope').set('Content-Type', 'text/plain').send('x')],
    ['POST /nope with malformed JSON', () => t.http.post('/api/v1/nope').set('Content-Type', 'application/json').send('{')],
    ['DELETE /verify with a key', () => t.http.delete('/api/v1/verify').set('X-API-Key', a.apiKey)],
  ])('answers an unknown route or method (%s) with 404 NOT_FOUND', async (_label, send) => {
    const res = await send().expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('counts a call with a valid key and a bad body, with its rate-limit headers', async () => {
    const account = await registerAccount(t.http);
    const res = await t.http.post('/api/v1/match').set('X-API-Key', account.apiKey).set('Content-Type', 'text/plain').send('not a form').expect(400);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
    expect(res.headers['x-ratelimit-remaining']).toBe('99');
    const usage = await waitForUsage(t.http, account.apiKey, (body) => body.usage.total_calls === 1);
    expect(usage.recent_logs[0]).toMatchObject({ endpoint: 'match', status_code: 400, success: false });
  });

  it('refuses POST /match with an unknown text field with 400 VALIDATION_ERROR', async () => {
    const res = await postForm(t.http, 'match', a.apiKey, { colour: 'blue' }, [['image1', SHELDON[0]], ['image2', SHELDON[1]]]).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  describe('uploads', () => {
    it('refuses an invalid header key before reading the upload', async () => {
      const start = multipartStart(BOUNDARY, [['image', Buffer.alloc(1024), 'a.jpg']]);
      const res = await answerBeforeBody(t.baseUrl, '/api/v1/verify', { ...MULTIPART, 'X-API-Key': 'fa_' + 'B'.repeat(43) }, start, 8 * MB);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_API_KEY');
      expect(res.headers['x-request-id']).toBeDefined();
    });

    it('refuses a body key upload after its first file part when no api_key field came before the second', async () => {
      const start = multipartStart(BOUNDARY, [['image1', photo(SHELDON[0]), 'a.jpg'], ['image2', Buffer.alloc(1024), 'b.jpg']]);
      const res = await answerBeforeBody(t.baseUrl, '/api/v1/match', MULTIPART, start, 8 * MB);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('MISSING_API_KEY');
    });

    it('authenticates a multipart api_key field as soon as it arrives, before the files', async () => {
      const res = await t.http.post('/api/v1/match').field('api_key', a.apiKey).attach('image1', photo(SHELDON[0]), 'a.jpg').attach('image2', photo(SHELDON[1]), 'b.jpg').expect(200);
      expect(res.body.match).toBe(true);
      expect(res.headers['x-ratelimit-limit']).toBe('100');
    });

    it('refuses a multipart api_key sent twice with 401 INVALID_API_KEY', async () => {
      const res = await t.http.post('/api/v1/match').field('api_key', a.apiKey).field('api_key', a.apiKey).attach('image1', photo(SHELDON[0]), 'a.jpg').expect(401);
      expect(res.body.error.code).toBe('INVALID_API_KEY');
    });

    it('refuses a file over MAX_UPLOAD_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
      const small = await startTestApp({ uploads: { maxFileBytes: 64 * 1024 } });
      try {
        const account = await registerAccount(small.http);
        const res = await small.http.post('/api/v1/match').set('X-API-Key', account.apiKey).attach('image1', Buffer.alloc(200 * 1024), 'big.jpg').expect(413);
        expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      } finally {
        await small.close();
      }
    });
  });

  describe('back-pressure', () => {
    let held: InferenceTicket[] = [];
    afterEach(() => {
      held.forEach((ticket) => ticket.release());
      held = [];
    });

    it('answers 503 SERVICE_UNAVAILABLE with Retry-After at once when the inference queue is full, without reading the upload or counting the call', async () => {
      const account = await registerAccount(t.http);
      const inference = t.app.get(InferenceService);
      held = [inference.admit(), inference.admit()];
      const start = multipartStart(BOUNDARY, [['image', Buffer.alloc(1024), 'a.jpg']]);
      const res = await answerBeforeBody(t.baseUrl, '/api/v1/verify', { ...MULTIPART, 'X-API-Key': account.apiKey }, start, 8 * MB);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const usage = await t.http.get('/api/v1/usage').set('X-API-Key', account.apiKey).expect(200);
      expect(usage.body.usage.total_calls).toBe(0);
    });

    it('gives the place back when the response ends, so the next upload is served', async () => {
      await enroll(t.http, a.apiKey, 'sheldon-bp', SHELDON.slice(0, 3)).expect(201);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await postForm(t.http, 'verify', a.apiKey, { name: 'sheldon-bp' }, [['image', SHELDON[4]]]));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(t.app.get(InferenceService).load.admitted).toBe(0);
    });
  });
});
