import { registerAccount } from '../factories/accounts';
import { enroll, SHELDON, verify } from '../face-routes/support';
import { attempt, confirm, performActiveLogin, POSED_A, startOffSession, startSession } from '../login/login-support';
import { startTestApp, TestApp } from '../support/test-app';
import { OwnRedis } from '../usage/redis-server';
import { until } from '../usage/usage-helpers';

const TOKEN = 'metrics-token-for-the-test-0123';

/** The value of one sample of the Prometheus text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text.split('\n').find((row) => {
    if (!row.startsWith(`${name}{`) && !row.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([key, value]) => row.includes(`${key}="${value}"`));
  });
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('GET /metrics and the probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ metricsToken: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async () => (await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  it('refuses a scrape without the bearer token with 401 INVALID_TOKEN', async () => {
    const missing = await t.http.get('/metrics').expect(401);
    expect(missing.body.error.code).toBe('INVALID_TOKEN');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
    await t.http.get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });

  it('shows the counters move under real requests: HTTP, errors by code, inference stages, login sessions and attempts', async () => {
    const before = await scrape();
    const account = await registerAccount(t.http);
    await enroll(t.http, account.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    await verify(t.http, account.apiKey, 'sheldon', SHELDON[3]).expect(200);
    await verify(t.http, account.apiKey, 'nobody', SHELDON[3]).expect(404);
    const session = await startOffSession(t.http, account.apiKey, 'sheldon');
    const { token } = (await attempt(t.http, session, SHELDON[4]).expect(200)).body;
    await confirm(t.http, account.apiKey, token).expect(200);
    await t.http.get(`/api/v1/usage/${account.apiKey}`).set('X-API-Key', account.apiKey).expect(200);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('faceauth_http_requests_total', { method: 'POST', route: '/api/v1/register', status: '201' })).toBe(1);
    expect(moved('faceauth_http_requests_total', { method: 'POST', route: '/api/v1/verify', status: '200' })).toBe(1);
    // Route patterns, never the key of /usage/{api_key}.
    expect(moved('faceauth_http_requests_total', { route: '/api/v1/usage/:api_key', status: '200' })).toBe(1);
    expect(after).not.toContain(account.apiKey);
    expect(moved('faceauth_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/enroll', status: '201' })).toBe(1);
    expect(moved('faceauth_http_errors_total', { code: 'NO_ENROLLED_FACES' })).toBe(1);
    // 3 enrolled photos, 2 verifies (the second one's photo is read before the name is looked up) and 1 frame.
    expect(moved('faceauth_inference_stage_duration_seconds_count', { stage: 'embed' })).toBeGreaterThanOrEqual(5);
    expect(moved('faceauth_inference_stage_duration_seconds_count', { stage: 'detectModel' })).toBeGreaterThanOrEqual(5);
    // The enrolled photos with both recogniser passes; the verify and the login photo, clear matches, on the first.
    expect(moved('faceauth_inference_templates_total', { passes: 'both' })).toBe(3);
    expect(moved('faceauth_inference_templates_total', { passes: 'first' })).toBe(2);
    // Every photo handed to the inference threads: its time on its thread, and the wait around it.
    const photos = moved('faceauth_inference_photo_seconds_count', { phase: 'run' });
    expect(photos).toBeGreaterThanOrEqual(5);
    expect(moved('faceauth_inference_photo_seconds_count', { phase: 'wait' })).toBe(photos);
    // A photo's run holds all its stages, so more than its recogniser runs; the wait is time outside the run.
    expect(moved('faceauth_inference_photo_seconds_sum', { phase: 'run' })).toBeGreaterThan(moved('faceauth_inference_stage_duration_seconds_sum', { stage: 'embedModel' }));
    // The photos ran one request at a time (an enrollment's 3 at most at once): they waited less than they ran.
    const waited = moved('faceauth_inference_photo_seconds_sum', { phase: 'wait' });
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(moved('faceauth_inference_photo_seconds_sum', { phase: 'run' }));
    expect(moved('faceauth_login_sessions_started_total', { liveness: 'off' })).toBe(1);
    expect(moved('faceauth_login_attempts_total', { outcome: 'match' })).toBe(1);

    expect(sample(after, 'faceauth_inference_workers')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'faceauth_inference_native_kernels')).toBe(1);
    expect(sample(after, 'faceauth_inference_worker_utilization')).toBeGreaterThan(0);
    expect(after).toMatch(/^faceauth_inference_queue_depth \d+$/m);
    expect(after).toMatch(/^faceauth_usage_events_buffered \d+$/m);
    expect(after).toMatch(/^faceauth_usage_lag_seconds [\d.e+-]+$/m);
    expect(after).toMatch(/^faceauth_process_resident_memory_bytes \d+/m);
    expect(after).toMatch(/^faceauth_nodejs_eventloop_lag_seconds /m);
  });

  it('stores the frames of an active login on the first recogniser pass: turned ones, and facing ones that clearly match the user', async () => {
    const account = await registerAccount(t.http);
    await enroll(t.http, account.apiKey, 'posed', POSED_A.enroll).expect(201);
    const start = async (user: string) => (await startSession(t.http, account.apiKey, { user_id: user, liveness: { mode: 'active' } }).expect(201)).body;
    const before = await scrape();
    const genuine = await performActiveLogin(t.http, await start('posed'), POSED_A);
    expect(genuine.body.status).toBe('match');
    const middle = await scrape();
    // Nobody enrolled under this id: nothing to match early, so the facing frames take both passes; the turned do not.
    const session = await start('nobody-enrolled');
    const unknown = await performActiveLogin(t.http, session, POSED_A);
    expect(unknown.body.match).toBe(false);
    const turns = session.liveness.challenge.steps.filter((step: { movement: string }) => step.movement !== 'look_up').length;
    const after = await scrape();
    const moved = (from: string, to: string, passes: string) => sample(to, 'faceauth_inference_templates_total', { passes }) - sample(from, 'faceauth_inference_templates_total', { passes });
    // 2 steps of facing, turned, turned. Looking up leaves the yaw small: that frame could be the frontal one.
    expect([moved(before, middle, 'first'), moved(before, middle, 'both')]).toEqual([6, 0]);
    expect([moved(middle, after, 'first'), moved(middle, after, 'both')]).toEqual([2 * turns, 6 - 2 * turns]);
  });

  it('answers /health/live and /health/ready outside /api/v1, and redirects / to the console', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'live' });
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready', checks: { database: 'ok', models: true, redis: process.env.TEST_REDIS_URL ? 'ok' : null } });
    await t.http.get('/api/v1/health').expect(200);
    expect((await t.http.get('/').expect(302)).headers.location).toBe('/docs');
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ metricsToken: null });
  });
  afterAll(() => t.close());

  it('does not exist: 404 NOT_FOUND, whatever the Authorization', async () => {
    expect((await t.http.get('/metrics').expect(404)).body.error.code).toBe('NOT_FOUND');
    await t.http.get('/metrics').set('Authorization', 'Bearer anything-anything-anything').expect(404);
  });
});

describe('Health while the configured Redis is down', () => {
  let redis: OwnRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('says unhealthy (503) on /api/v1/health and not ready on /health/ready while Redis is away, but live; healthy again once it is back', async () => {
    await t.http.get('/api/v1/health').expect(200);
    await redis.kill();
    const health = await t.http.get('/api/v1/health').expect(503);
    expect(health.body).toMatchObject({ success: false, status: 'unhealthy', database: 'ok' });
    expect((await t.http.get('/health/ready').expect(503)).body).toMatchObject({ status: 'not_ready', checks: { redis: 'unreachable' } });
    await t.http.get('/health/live').expect(200);
    await redis.up();
    await until('healthy again', async () => (await t.http.get('/api/v1/health')).status === 200, 15_000);
  });
});
