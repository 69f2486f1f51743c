import { MikroORM } from '@mikro-orm/core';
import sharp from 'sharp';
import { registerAccount } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { COLOUR_JPEG, enroll, expectUnchanged, GROUP, NO_FACE, PENNY, photo, postForm, SHELDON, storedCounts } from './support';

describe('POST /api/v1/enroll', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await registerAccount(t.http)).apiKey;
  });
  afterAll(() => t.close());

  it('enrolls three photos of one person and stores three 512-float templates, not the photos', async () => {
    const res = await enroll(t.http, key, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    expect(res.body).toEqual({ success: true, face_id: expect.any(Number), external_user_id: 'sheldon', message: 'Face enrolled successfully', samples: 3 });
    const rows = await t.app.get(MikroORM).em.fork().getConnection().execute(
      'select s.embedding from face_samples s join enrolled_users u on u.id = s.user_id where u.id = ?',
      [res.body.face_id],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Buffer.from(row.embedding).length).toBe(2048);
  });

  it('accepts the key as the multipart field api_key', async () => {
    const res = await postForm(t.http, 'enroll', null, { api_key: key, name: 'key-in-form' }, [['image', SHELDON[0]]]).expect(201);
    expect(res.body).toMatchObject({ success: true, external_user_id: 'key-in-form', samples: 1 });
  });

  it('trims the name and enrolls a single photo', async () => {
    const res = await enroll(t.http, key, '  Rahim 101  ', [PENNY[0]]).expect(201);
    expect(res.body).toMatchObject({ external_user_id: 'Rahim 101', samples: 1 });
  });

  it('adds matching samples to an existing name, keeping the newest 10', async () => {
    const first = await enroll(t.http, key, 'capped', SHELDON.slice(0, 3)).expect(201);
    for (const expected of [6, 9, 10]) {
      const res = await enroll(t.http, key, 'capped', SHELDON.slice(2, 5)).expect(201);
      expect(res.body).toMatchObject({ face_id: first.body.face_id, samples: expected });
    }
    const last = await enroll(t.http, key, 'capped', [SHELDON[4]]).expect(201);
    expect(last.body.samples).toBe(10);
    expect(last.body.message).toMatch(/removed the 1 oldest/);
  });

  it('refuses someone else\'s face under an existing name with 409 IDENTITY_MISMATCH, and replaces with replace=true', async () => {
    const original = await enroll(t.http, key, 'identity', SHELDON.slice(0, 2)).expect(201);
    const before = await storedCounts(t);
    const refused = await enroll(t.http, key, 'identity', [PENNY[3]]).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'IDENTITY_MISMATCH', details: { mismatches: [{ field: 'image', distance: expect.any(Number) }] } });
    await expectUnchanged(t, key, before);

    const replaced = await enroll(t.http, key, 'identity', [PENNY[3], PENNY[4]], { replace: 'true' }).expect(201);
    expect(replaced.body).toMatchObject({ face_id: original.body.face_id, samples: 2, message: expect.stringMatching(/Replaced/) });
    expect(await storedCounts(t)).toEqual({ users: before.users, samples: before.samples });
    await enroll(t.http, key, 'identity', [PENNY[4]]).expect(201);
  });

  it('creates one user from concurrent first enrollments of one name', async () => {
    const results = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => enroll(t.http, key, 'racer', [SHELDON[i]])));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.face_id)).size).toBe(1);
    const list = await t.http.get('/api/v1/users/racer').set('X-API-Key', key).expect(200);
    expect(list.body.user.samples).toBe(6);
  });

  describe('refusals store nothing and leave the server answering', () => {
    const text = { buffer: Buffer.from('this is not an image\n'), filename: 'face.jpg' };
    const truncated = () => ({ buffer: photo(COLOUR_JPEG).subarray(0, 4000), filename: 'truncated.jpg' });
    const empty = { buffer: Buffer.alloc(0), filename: 'empty.jpg' };

    it.each([
      ['a group photo', 422, 'MULTIPLE_FACES', () => enroll(t.http, key, 'group', [GROUP])],
      ['a photo without a face', 422, 'NO_FACE', () => enroll(t.http, key, 'noface', [NO_FACE])],
      ['photos of two different people', 422, 'ENROLL_MISMATCH', () => enroll(t.http, key, 'two-people', [SHELDON[0], PENNY[0]])],
      ['no image field', 400, 'MISSING_IMAGE', () => postForm(t.http, 'enroll', key, { name: 'x' }, [['image1', SHELDON[0]]])],
      ['no name', 400, 'VALIDATION_ERROR', () => postForm(t.http, 'enroll', key, {}, [['image', SHELDON[0]]])],
      ['an empty name', 400, 'VALIDATION_ERROR', () => enroll(t.http, key, '   ', [SHELDON[0]])],
      ['a 129-character name', 400, 'VALIDATION_ERROR', () => enroll(t.http, key, 'n'.repeat(129), [SHELDON[0]])],
      ['a name with a control character', 400, 'VALIDATION_ERROR', () => enroll(t.http, key, 'bad\u0007name', [SHELDON[0]])],
      ['replace that is not true or false', 400, 'VALIDATION_ERROR', () => enroll(t.http, key, 'x', [SHELDON[0]], { replace: 'yes' })],
      ['a text file named .jpg', 400, 'INVALID_IMAGE', () => postForm(t.http, 'enroll', key, { name: 'x' }, [['image', text]])],
      ['a truncated JPEG', 400, 'INVALID_IMAGE', () => postForm(t.http, 'enroll', key, { name: 'x' }, [['image', truncated()]])],
      ['an empty file', 400, 'INVALID_IMAGE', () => postForm(t.http, 'enroll', key, { name: 'x' }, [['image', empty]])],
      ['an unexpected file field', 400, 'VALIDATION_ERROR', () => postForm(t.http, 'enroll', key, { name: 'x' }, [['image', SHELDON[0]], ['image3', SHELDON[1]]])],
      ['no API key', 401, 'MISSING_API_KEY', () => postForm(t.http, 'enroll', null, { name: 'x' }, [['image', SHELDON[0]]])],
      ['an unknown API key in the form', 401, 'INVALID_API_KEY', () => postForm(t.http, 'enroll', null, { api_key: 'fa_unknown', name: 'x' }, [['image', SHELDON[0]]])],
    ])('%s: %i %s', async (_label, status, code, send) => {
      const before = await storedCounts(t);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ success: false, error: { code }, request_id: expect.any(String) });
      await expectUnchanged(t, key, before);
    });

    it('names the failing photo and the face count in details', async () => {
      const res = await enroll(t.http, key, 'group', [SHELDON[0], GROUP]).expect(422);
      expect(res.body.error).toMatchObject({ code: 'MULTIPLE_FACES', details: { field: 'image1', faces: expect.any(Number) } });
      expect(res.body.error.details.faces).toBeGreaterThan(1);
    });

    it('names the unexpected file field', async () => {
      const res = await postForm(t.http, 'enroll', key, { name: 'x' }, [['image', SHELDON[0]], ['photo', SHELDON[1]]]).expect(400);
      expect(res.body.error.message).toMatch(/"photo"/);
    });

    it('refuses a face too small to embed with 422 FACE_TOO_SMALL', async () => {
      const before = await storedCounts(t);
      const tiny = await sharp(photo(SHELDON[0])).resize({ width: 40 }).png().toBuffer();
      const res = await postForm(t.http, 'enroll', key, { name: 'tiny' }, [['image', { buffer: tiny, filename: 'tiny.png' }]]);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'FACE_TOO_SMALL', details: { min_eye_distance_px: 20, field: 'image' } });
      await expectUnchanged(t, key, before);
    });

    it('refuses an 11 MB upload with 413 PAYLOAD_TOO_LARGE', async () => {
      const before = await storedCounts(t);
      const big = { buffer: Buffer.alloc(11 * 1024 * 1024, 0xff), filename: 'big.jpg' };
      const res = await postForm(t.http, 'enroll', key, { name: 'big' }, [['image', big]]);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      await expectUnchanged(t, key, before);
    });
  });
});
