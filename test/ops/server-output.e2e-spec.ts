import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from '../support/free-port';
import { uniqueEmail } from '../factories/accounts';
import { SHELDON } from '../face-routes/support';
import { until } from '../usage/usage-helpers';

const ROOT = join(__dirname, '../..');
const METRICS_TOKEN = 'token-from-the-dot-env-file-0123';
const REQUEST_ID = 'ops-undecodable-photo-1';


function form(fields: Record<string, string>, files: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [name, file] of Object.entries(files)) body.append(name, new Blob([readFileSync(file)], { type: 'image/jpeg' }), basename(file));
  return body;
}

/**
 * The built server as an operator runs it (`node dist/apps/api/src/main.js`), configured by a `.env` in its
 * working directory: from boot through a whole login to SIGTERM, everything it prints is JSON lines.
 */
describe('The started server\'s output', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let stdout = '';
  let stderr = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'faceauth-server-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // PORT comes from the environment and wins over the file's; the rest only from the file.
    writeFileSync(join(dir, '.env'), [`PORT=1`, `DATABASE_URL=sqlite:${join(dir, 'faceauth.sqlite')}`, `METRICS_TOKEN=${METRICS_TOKEN}`, 'LOG_LEVEL=debug', 'REDIS_URL=', ''].join('\n'));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) };
    server = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk) => (stdout += chunk));
    server.stderr!.on('data', (chunk) => (stderr += chunk));
    exit = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const failed = () => reject(new Error(`the server did not start:\n${stdout}\n${stderr}`));
      const timer = setTimeout(failed, 90_000);
      server.once('exit', failed);
      server.stdout!.on('data', function listening() {
        if (!stdout.includes('FaceAuth API listening')) return;
        clearTimeout(timer);
        server.off('exit', failed);
        server.stdout!.off('data', listening);
        resolve();
      });
    });
  }, 180_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // Complete lines only (the last piece may be half a line); non-JSON ones are the next test's to report.
  const entriesSoFar = () => stdout.split('\n').slice(0, -1).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

  it('gives the inference workers\' lines about a request\'s photos (one it cannot decode, one it embeds) the request\'s X-Request-Id', async () => {
    const registered = await (await fetch(`${base}/api/v1/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: uniqueEmail('ops-worker'), name: 'Ops' }) })).json();
    // A JPEG cut after its header: the header is read, the decoder (inside the worker) fails.
    const truncated = join(dir, 'truncated.jpg');
    writeFileSync(truncated, readFileSync(SHELDON[0]).subarray(0, 4096));
    const res = await fetch(`${base}/api/v1/match`, { method: 'POST', headers: { 'X-API-Key': registered.api_key, 'X-Request-Id': REQUEST_ID }, body: form({}, { image1: truncated, image2: SHELDON[1] }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INVALID_IMAGE');

    // The lines reach this process after the response may have: a worker's travel by another message port than
    // the photo's result, and the request line is written once the response has finished.
    const workerLines = () => entriesSoFar().filter((entry) => entry.context === 'InferenceWorker' && entry.request_id === REQUEST_ID);
    const requestLine = () => entriesSoFar().find((entry) => entry.msg === 'request' && entry.request_id === REQUEST_ID);
    await until('the request line and the workers\' lines about both photos', () => workerLines().length === 2 && requestLine() !== undefined, 10_000);
    const lines = workerLines().sort((a, b) => a.outcome.localeCompare(b.outcome));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'inference job', op: 'extract', outcome: 'done', thread: expect.any(Number), timings_ms: expect.objectContaining({ embed: expect.any(Number) }) }),
      expect.objectContaining({ level: 'debug', msg: 'inference job', op: 'extract', outcome: 'refused', error_code: 'INVALID_IMAGE', thread: expect.any(Number) }),
    ]);
    expect(requestLine()).toMatchObject({ route: '/api/v1/match', status: 400, error_code: 'INVALID_IMAGE' });
    expect(stdout).not.toContain(registered.api_key);
  });

  it('writes only JSON lines from boot through register, enroll, verify, a login, a 404 and SIGTERM, and never a key, secret or token', async () => {
    const json = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      return res.json();
    };
    const registered = await json(await fetch(`${base}/api/v1/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: uniqueEmail('ops'), name: 'Ops' }) }), 201);
    const key = registered.api_key;
    const auth = { 'X-API-Key': key };
    await json(await fetch(`${base}/api/v1/enroll`, { method: 'POST', headers: auth, body: form({ name: 'sheldon' }, { image: SHELDON[0], image1: SHELDON[1], image2: SHELDON[2] }) }), 201);
    expect((await json(await fetch(`${base}/api/v1/verify`, { method: 'POST', headers: auth, body: form({ name: 'sheldon' }, { image: SHELDON[3] }) }), 200)).match).toBe(true);
    const session = await json(
      await fetch(`${base}/api/v1/login-sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'sheldon', liveness: { mode: 'off' } }) }),
      201,
    );
    const attempt = await json(
      await fetch(`${base}/api/v1/login-sessions/${session.session_id}/attempts`, { method: 'POST', headers: { Authorization: `Bearer ${session.client_secret}` }, body: form({}, { frame0: SHELDON[4] }) }),
      200,
    );
    await json(await fetch(`${base}/api/v1/login-sessions/confirm`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ token: attempt.token }) }), 200);
    await json(await fetch(`${base}/api/v1/usage/${key}`, { headers: auth }), 200);
    await json(await fetch(`${base}/api/v1/no-such-route`), 404);
    // METRICS_TOKEN came from .env.
    const metrics = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/faceauth_login_attempts_total\{outcome="match"\} 1/);

    server.kill('SIGTERM');
    expect(await exit).toBe(0);

    const lines = (stdout + stderr).split('\n').filter((line) => line !== '');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(stderr).toBe('');
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.msg === 'Face models loaded')).toHaveLength(1);
    const requests = entries.filter((entry) => entry.msg === 'request');
    expect(requests.find((entry) => entry.route === '/api/v1/verify')).toMatchObject({ method: 'POST', status: 200, error_code: null, account_id: registered.user.id, key_prefix: key.slice(0, 7), request_id: expect.any(String), latency_ms: expect.any(Number) });
    expect(requests.find((entry) => entry.status === 404 && entry.path === '/api/v1/no-such-route')).toMatchObject({ route: 'unmatched', error_code: 'NOT_FOUND' });
    expect(requests.find((entry) => entry.route === '/api/v1/usage/:api_key' && entry.status === 200).path).toBe('/api/v1/usage/fa_***');
    expect(entries.find((entry) => entry.msg === 'shutting down: draining requests')).toMatchObject({ signal: 'SIGTERM' });

    const everything = stdout + stderr;
    for (const secret of [key, registered.publishable_key, session.client_secret, attempt.token, attempt.token.split('.')[2], METRICS_TOKEN]) {
      expect(everything).not.toContain(secret);
    }
  });
});
