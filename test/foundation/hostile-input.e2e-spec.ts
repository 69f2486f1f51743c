import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { registerAccount, uniqueEmail } from '../factories/accounts';
import { ProbeModule } from '../support/probe.module';
import { rawRequest } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

const REQUEST_ID = /^[0-9a-f-]{36}$/;

function expectEnvelope(body: any, code: string): void {
  expect(body).toMatchObject({ success: false, error: { code, message: expect.any(String) }, request_id: expect.any(String) });
}

describe('hostile input never gets a 500', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({}, [ProbeModule]);
    key = (await registerAccount(t.http)).apiKey;
  });
  afterAll(() => t.close());

  describe('unknown routes and methods answer 404 NOT_FOUND whatever the body', () => {
    const bodies: [string, string, string][] = [
      ['JSON', 'application/json', '{"email":"a@b.co"}'],
      ['malformed JSON', 'application/json', '{"email":'],
      ['JSON nested 5,000 levels', 'application/json', '['.repeat(5000) + ']'.repeat(5000)],
      ['JSON in latin1', 'application/json; charset=latin1', '{"a":1}'],
      ['text/plain', 'text/plain', 'hello'],
      ['multipart', 'multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nnot an image\r\n--XyZ--\r\n'],
    ];
    it.each(bodies)('%s', async (_label, type, body) => {
      for (const [method, path] of [['post', '/api/v1/nothing-here'], ['put', '/api/v1/register'], ['patch', '/api/v1/health'], ['delete', '/api/v1/register']] as const) {
        const res = await t.http[method](path).set('Content-Type', type).send(body);
        expect(res.status).toBe(404);
        expectEnvelope(res.body, 'NOT_FOUND');
      }
    });
  });

  describe('a bad body is raised after authentication', () => {
    it('answers 401 MISSING_API_KEY to a keyed route with malformed JSON and no key', async () => {
      const res = await t.http.post('/api/v1/probe/keyed').set('Content-Type', 'application/json').send('{"a":').expect(401);
      expectEnvelope(res.body, 'MISSING_API_KEY');
    });

    it('answers 400 VALIDATION_ERROR to the same request with a valid key', async () => {
      const res = await t.http.post('/api/v1/probe/keyed').set('X-API-Key', key).set('Content-Type', 'application/json').send('{"a":').expect(400);
      expectEnvelope(res.body, 'VALIDATION_ERROR');
      expect(res.body.error.message).not.toMatch(/position|token/i);
    });
  });

  describe('NUL bytes', () => {
    it('answers GET /users/a%00b with 400 VALIDATION_ERROR (after the key is checked)', async () => {
      const res = await t.http.get('/api/v1/users/a%00b').set('X-API-Key', key).expect(400);
      expectEnvelope(res.body, 'VALIDATION_ERROR');
      expect((await t.http.get('/api/v1/users/a%00b').expect(401)).body.error.code).toBe('MISSING_API_KEY');
      expect((await t.http.delete('/api/v1/users/a%00b').set('X-API-Key', key).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
    });

    it('answers a path with broken percent-encoding with 400 VALIDATION_ERROR or 404 NOT_FOUND', async () => {
      for (const path of ['/api/v1/users/%E0%A4%A', '/api/v1/users/%FF', '/api/v1/users/%']) {
        const res = await t.http.get(path).set('X-API-Key', key);
        expect([400, 404]).toContain(res.status);
        expectEnvelope(res.body, res.status === 400 ? 'VALIDATION_ERROR' : 'NOT_FOUND');
      }
    });

    it('answers a query string with %00 with 400 VALIDATION_ERROR', async () => {
      const res = await t.http.get('/api/v1/users?cursor=a%00b').set('X-API-Key', key).expect(400);
      expectEnvelope(res.body, 'VALIDATION_ERROR');
    });

    it('answers POST /register with a NUL in name with 400 VALIDATION_ERROR naming the field', async () => {
      const res = await t.http
        .post('/api/v1/register')
        .set('Content-Type', 'application/json')
        .send(`{"email":"${uniqueEmail()}","name":"R\\u0000x"}`)
        .expect(400);
      expectEnvelope(res.body, 'VALIDATION_ERROR');
      expect(res.body.error.details.fields.name).toEqual([expect.stringMatching(/NUL/)]);
    });

    it('answers a NUL in an email or a field name with 400 VALIDATION_ERROR', async () => {
      for (const raw of [`{"email":"a\\u0000@example.com","name":"x"}`, `{"email":"${uniqueEmail()}","name":"x","a\\u0000":1}`]) {
        const res = await t.http.post('/api/v1/register').set('Content-Type', 'application/json').send(raw).expect(400);
        expectEnvelope(res.body, 'VALIDATION_ERROR');
      }
    });
  });

  describe('Content-Encoding', () => {
    const body = () => JSON.stringify({ email: uniqueEmail(), name: 'Encoded' });
    /** fetch sends the bytes as they are (supertest would JSON-encode a Buffer sent as application/json). */
    const post = (encoding: string, bytes: Buffer | string) =>
      fetch(`${t.baseUrl}/api/v1/register`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes) });

    it.each(['gzip', 'deflate', 'br'])('answers %s with bytes that are not that encoding with 400 VALIDATION_ERROR', async (encoding) => {
      const res = await post(encoding, body());
      expect(res.status).toBe(400);
      const json = await res.json();
      expectEnvelope(json, 'VALIDATION_ERROR');
      expect(json.error.message).toMatch(/Content-Encoding/);
    });

    it('reads a body that really is gzip, deflate or br', async () => {
      for (const [encoding, compress] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]] as const) {
        expect((await post(encoding, compress(body()))).status).toBe(201);
      }
    });

    it('answers an unsupported Content-Encoding with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await post('compress', body());
      expect(res.status).toBe(415);
      expectEnvelope(await res.json(), 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  it('answers JSON nested 5,000 levels deep with 400 VALIDATION_ERROR', async () => {
    const deep = `{"email":"${uniqueEmail()}","name":"Deep","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await t.http.post('/api/v1/register').set('Content-Type', 'application/json').send(deep).expect(400);
    expectEnvelope(res.body, 'VALIDATION_ERROR');
    expect(res.body.error.details).toEqual({ max_depth: 32 });
    const arrays = await t.http.post('/api/v1/register').set('Content-Type', 'application/json').send('['.repeat(5000) + ']'.repeat(5000)).expect(400);
    expectEnvelope(arrays.body, 'VALIDATION_ERROR');
  });

  it('answers application/json; charset=latin1 with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.http
      .post('/api/v1/register')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(JSON.stringify({ email: uniqueEmail(), name: 'Jose' }))
      .expect(415);
    expectEnvelope(res.body, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toMatch(/UTF-8/);
    await t.http.post('/api/v1/register').set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ email: uniqueEmail(), name: 'José' })).expect(201);
  });

  describe("Node's own HTTP refusals answer in the envelope", () => {
    it('answers 431 oversized headers in the envelope with X-Request-Id', async () => {
      const res = await rawRequest(t.baseUrl, `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(res.headers['x-request-id']).toMatch(REQUEST_ID);
      expect(res.headers.connection).toBe('close');
      const body = JSON.parse(res.body);
      expectEnvelope(body, 'VALIDATION_ERROR');
      expect(body.request_id).toBe(res.headers['x-request-id']);
    });

    it('answers 400 to conflicting Content-Length and Transfer-Encoding in the envelope with X-Request-Id', async () => {
      const res = await rawRequest(
        t.baseUrl,
        'POST /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      );
      expect(res.status).toBe(400);
      expect(res.headers['x-request-id']).toMatch(REQUEST_ID);
      expectEnvelope(JSON.parse(res.body), 'VALIDATION_ERROR');
    });

    it('answers 400 to a malformed request line in the envelope with X-Request-Id', async () => {
      const res = await rawRequest(t.baseUrl, 'GET\x01 /api/v1/health HTTP/1.1\r\n\r\n');
      expect(res.status).toBe(400);
      expect(res.headers['x-request-id']).toMatch(REQUEST_ID);
      expectEnvelope(JSON.parse(res.body), 'VALIDATION_ERROR');
    });
  });
});
