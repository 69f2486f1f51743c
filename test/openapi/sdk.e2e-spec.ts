import { readFileSync } from 'node:fs';
import { FaceAuthClient, FaceAuthError, UsageResponse } from '../../clients/typescript/src';
import { uniqueEmail } from '../factories/accounts';
import { datasetPath, identityPhotos } from '../factories/datasets';
import { startTestApp, TestApp } from '../support/test-app';

const SHELDON = identityPhotos('bbt_faceapi', 'sheldon');
const PENNY = identityPhotos('bbt_faceapi', 'penny');
const NO_FACE = datasetPath('noface/brick.png');

describe('@faceauth/client (clients/typescript) against a live server', () => {
  let t: TestApp;
  let faceauth: FaceAuthClient;

  /** Usage is recorded asynchronously: reads it until `done` holds. */
  async function usageWhen(done: (body: UsageResponse) => boolean, deadlineMs = 20_000): Promise<UsageResponse> {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const body = await faceauth.usage();
      if (done(body)) return body;
      if (Date.now() > end) throw new Error(`usage never reached the expected state; last: ${JSON.stringify(body.usage)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers an account and gets its key', async () => {
    const email = uniqueEmail('sdk');
    const account = await new FaceAuthClient({ baseUrl: t.baseUrl }).register({ email, name: 'SDK Developer' });
    expect(account).toMatchObject({ success: true, api_key: expect.stringMatching(/^fa_/), user: { email, name: 'SDK Developer', plan: 'free' } });
    faceauth = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: account.api_key });
  });

  it('enrolls three photos of one person, given as a path, a Buffer and a Blob', async () => {
    const images = [SHELDON[0], readFileSync(SHELDON[1]), new Blob([readFileSync(SHELDON[2])], { type: 'image/jpeg' })];
    const enrolled = await faceauth.enroll('sheldon', images);
    expect(enrolled).toMatchObject({ success: true, external_user_id: 'sheldon', samples: 3, face_id: expect.any(Number) });
    expect(await faceauth.getUser('sheldon')).toMatchObject({ user: { name: 'sheldon', samples: 3 } });
    expect((await faceauth.listUsers({ limit: 10 })).users.map((user) => user.name)).toEqual(['sheldon']);
  });

  it('verifies another photo of that person as a match', async () => {
    const result = await faceauth.verify('sheldon', SHELDON[4]);
    expect(result).toMatchObject({ success: true, match: true, status: 'match', identity: 'sheldon', message: 'Verified as sheldon' });
    expect(result.distance).toBeLessThanOrEqual(0.42);
    expect(result.confidence).toBeGreaterThanOrEqual(85);
  });

  it('answers a photo of someone else with a no-match, not an error', async () => {
    const result = await faceauth.verify('sheldon', PENNY[0]);
    expect(result).toMatchObject({ success: true, match: false, status: 'no_match', identity: null, user: null });
  });

  it('compares two photos with match', async () => {
    expect(await faceauth.match(SHELDON[3], PENNY[1])).toMatchObject({ success: true, match: false, status: 'no_match' });
  });

  it('throws a FaceAuthError with the contract code for a photo without a face', async () => {
    const error = await faceauth.verify('sheldon', NO_FACE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceAuthError);
    expect(error).toMatchObject({ status: 422, code: 'NO_FACE', requestId: expect.any(String) });
  });

  it('reads the usage of the account, every counted call included', async () => {
    // enroll, verify x3, match: five counted calls (the failed verify too); usage, users and register are not counted.
    const body = await usageWhen((b) => b.usage.monthly_calls === 5);
    expect(body).toMatchObject({
      success: true,
      user: { plan: 'free', api_key: expect.stringMatching(/^fa_.+\.\.\./) },
      usage: { monthly_calls: 5, total_calls: 5, monthly_limit: 1000, success_rate: 80, enrolled_faces: 1 },
    });
    expect(body.daily_usage).toHaveLength(30);
    expect(body.recent_logs[0]).toMatchObject({ endpoint: 'verify', status_code: 422, success: false, error_code: 'NO_FACE' });
  });

  it('deletes a sample, then the user', async () => {
    const { user } = await faceauth.getUser('sheldon');
    expect(await faceauth.deleteSample('sheldon', user.face_samples[0].id)).toMatchObject({ success: true, samples: 2, user_deleted: false });
    expect(await faceauth.deleteUser('sheldon')).toMatchObject({ success: true, deleted_samples: 2 });
    await expect(faceauth.getUser('sheldon')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('throws a typed FaceAuthError for an unknown key', async () => {
    const stranger = new FaceAuthClient({ baseUrl: t.baseUrl, apiKey: 'fa_not-a-real-key-000000000000000000000000000' });
    const error = await stranger.usage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceAuthError);
    expect(error).toMatchObject({ name: 'FaceAuthError', status: 401, code: 'INVALID_API_KEY', requestId: expect.any(String) });
    await expect(new FaceAuthClient({ baseUrl: t.baseUrl }).verify('sheldon', SHELDON[0])).rejects.toMatchObject({ code: 'MISSING_API_KEY' });
  });

  it('surfaces a rate limit as RATE_LIMIT with the Retry-After seconds', async () => {
    const limited = await startTestApp({ plans: { free: { perMinute: 1 } } });
    try {
      const { api_key } = await new FaceAuthClient({ baseUrl: limited.baseUrl }).register({ email: uniqueEmail('sdk'), name: 'Limited' });
      const client = new FaceAuthClient({ baseUrl: limited.baseUrl, apiKey: api_key });
      await expect(client.match(NO_FACE, NO_FACE)).rejects.toMatchObject({ code: 'NO_FACE' }); // the one call of this minute
      await expect(client.match(NO_FACE, NO_FACE)).rejects.toMatchObject({ status: 429, code: 'RATE_LIMIT', retryAfter: expect.any(Number) });
    } finally {
      await limited.close();
    }
  });

  it('reports health without a key', async () => {
    expect(await new FaceAuthClient({ baseUrl: `${t.baseUrl}/api/v1/` }).health()).toMatchObject({ status: 'healthy', models_loaded: true });
  });

  it('throws NETWORK_ERROR when the server cannot be reached', async () => {
    await expect(new FaceAuthClient({ baseUrl: 'http://127.0.0.1:1' }).health()).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
