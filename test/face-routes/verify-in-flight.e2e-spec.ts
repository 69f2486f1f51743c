import { FacePolicy, InferenceService } from '@faceauth/inference';
import { registerAccount } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { enroll, PENNY, SHELDON, verify } from './support';

/**
 * A verify whose photo is still being processed when its user is deleted or replaced must not answer
 * `match: true` after the delete has answered. The test holds the verify's inference (the real engine, wrapped
 * in the test only) until the delete has answered, so the order is fixed, not raced. SQLite, or PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
describe('POST /verify in flight while its user changes', () => {
  let t: TestApp;
  let key: string;
  let release: () => void;
  let started: Promise<void>;

  /** The next 'largest' extraction (the verify's) waits until release() once it has run. */
  function holdNextVerify(): void {
    const inference = t.app.get(InferenceService);
    const real = inference.extractTemplate.bind(inference);
    let signal!: () => void;
    started = new Promise((resolve) => (signal = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    jest.spyOn(inference, 'extractTemplate').mockImplementation(async (image: Buffer, policy: FacePolicy, options) => {
      const result = await real(image, policy, options);
      if (policy === 'largest' && !held) {
        held = true;
        signal();
        await gate;
      }
      return result;
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    key = (await registerAccount(t.http)).apiKey;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  it('answers NO_ENROLLED_FACES, not a match, when the user was deleted meanwhile', async () => {
    await enroll(t.http, key, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    holdNextVerify();
    const pending = verify(t.http, key, 'sheldon', SHELDON[4]).then((res) => res);
    await started;
    await t.http.delete('/api/v1/users/sheldon').set('X-API-Key', key).expect(200);
    release();
    const res = await pending;
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, error: { code: 'NO_ENROLLED_FACES' } });
  });

  it('decides on the new samples when the user was replaced (replace=true) meanwhile', async () => {
    await enroll(t.http, key, 'amy', SHELDON.slice(0, 3)).expect(201);
    holdNextVerify();
    const pending = verify(t.http, key, 'amy', SHELDON[4]).then((res) => res);
    await started;
    await enroll(t.http, key, 'amy', PENNY.slice(0, 2), { replace: 'true' }).expect(201);
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, match: false, identity: null });
  });
});
