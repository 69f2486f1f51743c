import { registerAccount } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { enroll, SHELDON, storedCounts, verify } from './support';

describe('GET and DELETE /api/v1/users', () => {
  let t: TestApp;
  let key: string;
  const get = (path: string) => t.http.get(`/api/v1/users${path}`).set('X-API-Key', key);
  const del = (path: string) => t.http.delete(`/api/v1/users${path}`).set('X-API-Key', key);

  beforeAll(async () => {
    t = await startTestApp();
    key = (await registerAccount(t.http)).apiKey;
    await enroll(t.http, key, 'alpha', SHELDON.slice(0, 2)).expect(201);
    await enroll(t.http, key, 'José Ñ/1', [SHELDON[2]]).expect(201);
    await enroll(t.http, key, 'gamma', SHELDON.slice(0, 3)).expect(201);
  });
  afterAll(() => t.close());

  it('lists the enrolled users oldest first, page by page', async () => {
    const first = await get('?limit=2').expect(200);
    expect(first.body).toEqual({
      success: true,
      users: [
        { id: expect.any(Number), name: 'alpha', samples: 2, created_at: expect.any(String), updated_at: expect.any(String) },
        { id: expect.any(Number), name: 'José Ñ/1', samples: 1, created_at: expect.any(String), updated_at: expect.any(String) },
      ],
      next_cursor: expect.any(String),
    });
    const second = await get(`?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`).expect(200);
    expect(second.body.users.map((u: { name: string }) => u.name)).toEqual(['gamma']);
    expect(second.body.next_cursor).toBeNull();
    expect((await get('').expect(200)).body.users).toHaveLength(3);
  });

  it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['cursor=not-a-cursor'], ['unknown=1']])('refuses ?%s with 400 VALIDATION_ERROR', async (query) => {
    const res = await get(`?${query}`).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('shows one user with its samples, the name URL-encoded', async () => {
    const res = await get(`/${encodeURIComponent('José Ñ/1')}`).expect(200);
    expect(res.body.user).toEqual({
      id: expect.any(Number),
      name: 'José Ñ/1',
      samples: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      face_samples: [{ id: expect.any(Number), created_at: expect.any(String), detector_score: expect.any(Number), liveness: expect.any(Number) }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/embedding/);
  });

  it('answers an unknown user or sample with 404 NOT_FOUND', async () => {
    expect((await get('/nobody').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await del('/nobody').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await del('/alpha/samples/999999').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await del('/alpha/samples/abc').expect(400)).body.error.code).toBe('VALIDATION_ERROR');
  });

  it('deletes one sample, and the user with the last one', async () => {
    const user = (await get('/alpha').expect(200)).body.user;
    const [first, second] = user.face_samples.map((s: { id: number }) => s.id);
    const res = await del(`/alpha/samples/${first}`).expect(200);
    expect(res.body).toMatchObject({ success: true, samples: 1, user_deleted: false });
    expect((await get('/alpha').expect(200)).body.user.face_samples.map((s: { id: number }) => s.id)).toEqual([second]);
    const last = await del(`/alpha/samples/${second}`).expect(200);
    expect(last.body).toMatchObject({ success: true, samples: 0, user_deleted: true });
    await get('/alpha').expect(404);
  });

  it('deletes a user and every template: verify then answers 404 NO_ENROLLED_FACES', async () => {
    const before = await storedCounts(t);
    const res = await del('/gamma').expect(200);
    expect(res.body).toMatchObject({ success: true, deleted_samples: 3 });
    expect(await storedCounts(t)).toEqual({ users: before.users - 1, samples: before.samples - 3 });
    expect((await verify(t.http, key, 'gamma', SHELDON[4]).expect(404)).body.error.code).toBe('NO_ENROLLED_FACES');
  });

  it('needs an API key', async () => {
    expect((await t.http.get('/api/v1/users').expect(401)).body.error.code).toBe('MISSING_API_KEY');
  });
});
