import { registerAccount } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { COLOUR_JPEG, enroll, expectUnchanged, GROUP, NO_FACE, PENNY, photo, postForm, SHELDON, storedCounts, verify } from './support';

describe('POST /api/v1/verify and POST /api/v1/match', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let sheldonId: number;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await registerAccount(t.http)).apiKey;
    otherKey = (await registerAccount(t.http)).apiKey;
    sheldonId = (await enroll(t.http, key, 'sheldon', SHELDON.slice(0, 3)).expect(201)).body.face_id;
  });
  afterAll(() => t.close());

  describe('POST /verify', () => {
    it('verifies a fourth photo of the enrolled person as a match', async () => {
      const res = await verify(t.http, key, 'sheldon', SHELDON[4]).expect(200);
      expect(res.body).toEqual({
        success: true,
        match: true,
        status: 'match',
        confidence: expect.any(Number),
        distance: expect.any(Number),
        identity: 'sheldon',
        message: 'Verified as sheldon',
        user: { id: sheldonId, external_user_id: 'sheldon', name: 'sheldon' },
        faces: 1,
        liveness: null,
      });
      expect(res.body.distance).toBeLessThanOrEqual(0.42);
      expect(res.body.confidence).toBeGreaterThanOrEqual(85);
      expect(res.body.confidence).toBe(Math.round(res.body.confidence * 10) / 10);
      expect(res.headers['x-ratelimit-limit']).toBe('100');
    });

    it('runs beside a healthy /health that reports the models loaded', async () => {
      const res = await t.http.get('/api/v1/health').expect(200);
      expect(res.body).toMatchObject({ status: 'healthy', models_loaded: true });
    });

    it('answers another person with 200 no_match', async () => {
      const res = await verify(t.http, key, 'sheldon', PENNY[0]).expect(200);
      expect(res.body).toMatchObject({ success: true, match: false, status: 'no_match', identity: null, user: null, faces: 1 });
      expect(res.body.distance).toBeGreaterThan(0.42);
      expect(res.body.message).toMatch(/^Not verified as sheldon: distance .* above the threshold 0.42/);
    });

    it('uses the largest face of a group photo and says so', async () => {
      const res = await verify(t.http, key, 'sheldon', GROUP).expect(200);
      expect(res.body).toMatchObject({ success: true, match: false, status: 'no_match' });
      expect(res.body.faces).toBeGreaterThan(1);
      expect(res.body.message).toMatch(/largest of \d+ faces used/);
    });

    it('accepts the key as the multipart field api_key', async () => {
      const res = await postForm(t.http, 'verify', null, { api_key: key, name: 'sheldon' }, [['image', SHELDON[3]]]).expect(200);
      expect(res.body.match).toBe(true);
    });

    it('answers an unknown name with 404 NO_ENROLLED_FACES', async () => {
      const res = await verify(t.http, key, 'nobody', SHELDON[4]).expect(404);
      expect(res.body.error.code).toBe('NO_ENROLLED_FACES');
    });

    it('answers an account with nothing enrolled with 404 NO_ENROLLED_FACES', async () => {
      const res = await verify(t.http, otherKey, 'sheldon', SHELDON[4]).expect(404);
      expect(res.body.error.code).toBe('NO_ENROLLED_FACES');
    });

    it.each([
      ['a photo without a face', 422, 'NO_FACE', () => verify(t.http, key, 'sheldon', NO_FACE)],
      ['no image', 400, 'MISSING_IMAGE', () => postForm(t.http, 'verify', key, { name: 'sheldon' }, [])],
      ['no name', 400, 'VALIDATION_ERROR', () => postForm(t.http, 'verify', key, {}, [['image', SHELDON[4]]])],
      ['a truncated JPEG', 400, 'INVALID_IMAGE', () => postForm(t.http, 'verify', key, { name: 'sheldon' }, [['image', { buffer: photo(COLOUR_JPEG).subarray(0, 4000), filename: 'x.jpg' }]])],
      ['a second file field', 400, 'VALIDATION_ERROR', () => postForm(t.http, 'verify', key, { name: 'sheldon' }, [['image', SHELDON[4]], ['image1', SHELDON[3]]])],
    ])('refuses %s with %i %s and stores nothing', async (_label, status, code, send) => {
      const before = await storedCounts(t);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ success: false, error: { code } });
      await expectUnchanged(t, key, before);
    });
  });

  describe('another account', () => {
    it('can neither verify against, list, read nor delete the first account\'s users', async () => {
      await verify(t.http, otherKey, 'sheldon', SHELDON[4]).expect(404);
      const list = await t.http.get('/api/v1/users').set('X-API-Key', otherKey).expect(200);
      expect(list.body.users).toEqual([]);
      await t.http.get('/api/v1/users/sheldon').set('X-API-Key', otherKey).expect(404);
      const deleted = await t.http.delete('/api/v1/users/sheldon').set('X-API-Key', otherKey).expect(404);
      expect(deleted.body.error.code).toBe('NOT_FOUND');
      const own = await t.http.get('/api/v1/users/sheldon').set('X-API-Key', key).expect(200);
      const sampleId = own.body.user.face_samples[0].id;
      await t.http.delete(`/api/v1/users/sheldon/samples/${sampleId}`).set('X-API-Key', otherKey).expect(404);
      expect((await t.http.get('/api/v1/users/sheldon').set('X-API-Key', key).expect(200)).body.user.samples).toBe(3);
    });

    it('enrolls its own "sheldon" without touching the first account\'s', async () => {
      const res = await enroll(t.http, otherKey, 'sheldon', [PENNY[0]]).expect(201);
      expect(res.body.face_id).not.toBe(sheldonId);
      expect((await verify(t.http, key, 'sheldon', SHELDON[4]).expect(200)).body.match).toBe(true);
      expect((await verify(t.http, otherKey, 'sheldon', SHELDON[4]).expect(200)).body.match).toBe(false);
    });
  });

  describe('POST /match', () => {
    const match = (a: string, b: string) => postForm(t.http, 'match', key, {}, [['image1', a], ['image2', b]]);

    it('matches two photos of one person', async () => {
      const res = await match(SHELDON[0], SHELDON[4]).expect(200);
      expect(res.body).toEqual({
        success: true,
        match: true,
        status: 'match',
        similarity: expect.any(Number),
        confidence: expect.any(Number),
        distance: expect.any(Number),
        faces: { image1: 1, image2: 1 },
      });
      expect(res.body.similarity).toBe(res.body.confidence);
      expect(res.body.distance).toBeLessThanOrEqual(0.42);
    });

    it('does not match two people', async () => {
      const res = await match(SHELDON[0], PENNY[0]).expect(200);
      expect(res.body).toMatchObject({ success: true, match: false, status: 'no_match' });
      expect(res.body.confidence).toBeLessThan(85);
    });

    it('uses the largest face of a group photo and reports the face counts', async () => {
      const res = await match(GROUP, SHELDON[0]).expect(200);
      expect(res.body.faces.image1).toBeGreaterThan(1);
      expect(res.body.faces.image2).toBe(1);
    });

    it('refuses a missing second photo with 400 MISSING_IMAGE naming the field', async () => {
      const res = await postForm(t.http, 'match', key, {}, [['image1', SHELDON[0]]]).expect(400);
      expect(res.body.error).toMatchObject({ code: 'MISSING_IMAGE', details: { field: 'image2' } });
    });

    it('refuses a photo without a face with 422 NO_FACE naming the field', async () => {
      const res = await match(SHELDON[0], NO_FACE).expect(422);
      expect(res.body.error).toMatchObject({ code: 'NO_FACE', details: { field: 'image2' } });
    });

    it('refuses an unknown text field with 400 VALIDATION_ERROR, as /verify does', async () => {
      const res = await postForm(t.http, 'match', key, { name: 'sheldon' }, [['image1', SHELDON[0]], ['image2', SHELDON[4]]]).expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { fields: { name: expect.any(Array) } } });
    });

    it('accepts the key as the multipart field api_key', async () => {
      const res = await postForm(t.http, 'match', null, { api_key: key }, [['image1', SHELDON[1]], ['image2', SHELDON[2]]]).expect(200);
      expect(res.body.match).toBe(true);
    });
  });
});
