import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { WidgetController } from './widget.controller';
import { WidgetModule } from './widget.module';

describe(WidgetController.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WidgetModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('serves widget.js as cacheable JavaScript under 12 KB with a versioned ETag', async () => {
    const res = await request(app.getHttpServer()).get('/widget.js').expect(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toMatch(/^"\d+\.\d+\.\d+-[0-9a-f]{16}"$/);
    expect(res.text).toContain('FaceAuth');
    expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(28 * 1024);
  });

  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const { headers } = await request(app.getHttpServer()).get('/widget.js');
    const res = await request(app.getHttpServer()).get('/widget.js').set('If-None-Match', headers.etag).expect(304);
    expect(res.text ?? '').toBe('');
    expect(res.headers.etag).toBe(headers.etag);
  });

  it('sends the script again for an outdated ETag', async () => {
    await request(app.getHttpServer()).get('/widget.js').set('If-None-Match', '"0.0.0-0000000000000000"').expect(200);
  });

  it('serves the demo page as HTML', async () => {
    const res = await request(app.getHttpServer()).get('/demo').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('/api/v1/');
    expect(res.text).toContain('/widget.js');
  });
});
