import { MikroORM } from '@mikro-orm/core';
import { ProbeModule } from '../support/probe.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('error envelope, request ids and health', () => {
  let t: TestApp;
  let logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'info' }, [ProbeModule]);
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any, ..._rest: any[]) => {
      logged.push(String(chunk));
      return true;
    });
  });
  afterAll(async () => {
    (process.stdout.write as jest.Mock).mockRestore?.();
    process.stdout.write = write;
    await t.close();
  });
  beforeEach(() => {
    logged = [];
  });

  it('answers an unknown route with 404 NOT_FOUND in the envelope', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Route not found' }, request_id: res.headers['x-request-id'] });
    await t.http.delete('/api/v1/register').expect(404);
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const echoed = await t.http.get('/api/v1/nothing').set('X-Request-Id', 'client-id_42').expect(404);
    expect(echoed.headers['x-request-id']).toBe('client-id_42');
    expect(echoed.body.request_id).toBe('client-id_42');
    const replaced = await t.http.get('/api/v1/nothing').set('X-Request-Id', 'bad id with spaces<script>').expect(404);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts X-Request-Id on successful responses too', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns an unexpected error into 500 PROCESSING_ERROR without internals, and logs the cause with the request id', async () => {
    const res = await t.http.get('/api/v1/probe/boom').set('X-Request-Id', 'boom-1').expect(500);
    expect(res.body).toEqual({ success: false, error: { code: 'PROCESSING_ERROR', message: 'Internal server error' }, request_id: 'boom-1' });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const entry = logged.map((line) => JSON.parse(line)).find((line) => line.msg === 'unexpected error');
    expect(entry).toMatchObject({ level: 'error', request_id: 'boom-1' });
    expect(entry.cause).toContain('secret internal detail');
  });

  it('writes one JSON access log line per request with route, status, latency and request id, never the key', async () => {
    const reg = await t.http.post('/api/v1/register').send({ email: 'log-check@example.com', name: 'Log' }).expect(201);
    const key = reg.body.api_key;
    await t.http.get('/api/v1/probe/keyed').set('X-API-Key', key).set('X-Request-Id', 'log-2').expect(200);
    await t.http.post('/api/v1/probe/keyed').send({ api_key: key }).expect(201);
    const lines = logged.map((line) => JSON.parse(line));
    expect(lines.find((line) => line.request_id === 'log-2')).toMatchObject({
      msg: 'request',
      method: 'GET',
      route: '/api/v1/probe/keyed',
      status: 200,
      latency_ms: expect.any(Number),
    });
    expect(logged.join('\n')).not.toContain(key);
    expect(logged.join('\n')).not.toContain('log-check@example.com');
  });

  it('reports health with database and uptime', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.body).toMatchObject({ database: 'ok', uptime: expect.any(Number), models_loaded: expect.any(Boolean) });
    expect(res.status).toBe(res.body.models_loaded ? 200 : 503);
  });

  it('answers 503 unhealthy when the database is not reachable', async () => {
    const orm = t.app.get(MikroORM);
    await orm.close(true);
    try {
      const res = await t.http.get('/api/v1/health').expect(503);
      expect(res.body).toMatchObject({ success: false, status: 'unhealthy', database: 'unreachable' });
    } finally {
      await orm.connect();
    }
  });
});

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI at /docs and the JSON at /docs-json', async () => {
    const ui = await t.http.get('/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes).toMatchObject({
      ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      BearerKey: { type: 'http', scheme: 'bearer' },
    });
    expect(doc.components.schemas.ErrorResponseDto).toBeDefined();
    const register = doc.paths['/api/v1/register'].post;
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    expect(doc.components.schemas.RegisterDto.properties.email.description).toMatch(/lower-cased/);
  });
});
