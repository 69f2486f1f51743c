import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from '../support/free-port';
import { identityPhotos } from '../factories/datasets';

/**
 * The built server as production runs it (`node dist/apps/api/src/main.js`), stopped with SIGTERM while
 * verifies are in flight. The build is refreshed first when a source file is newer than it.
 */
const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const SHELDON = identityPhotos('bbt_faceapi', 'sheldon');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(MAIN).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(...['apps', 'libs', 'config'].map((dir) => newestSource(join(ROOT, dir))));
  if (built < sources) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}


/** Waits for `condition` to hold, checking again after each attempt settles; fails at the deadline. */
async function waitFor<T>(what: string, condition: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface Reply {
  status: number;
  body: string;
}

interface Sent {
  /** Resolves once the whole request is written to the socket. */
  written: Promise<void>;
  reply: Promise<Reply>;
}

/** One request on its own connection (no keep-alive agent), so that each is a connection the server accepted. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer): Sent {
  let written!: () => void;
  const sent = new Promise<void>((resolve) => (written = resolve));
  const reply = new Promise<Reply>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('finish', written);
    req.end(body);
  });
  return { written: sent, reply };
}

/** A multipart body as a browser would send it, encoded by the platform's own FormData. */
async function multipart(fields: Record<string, string>, files: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, path] of Object.entries(files)) form.append(name, new Blob([readFileSync(path)], { type: 'image/jpeg' }), basename(path));
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! };
}

/** A new TCP connection is refused (the listening socket is closed). */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  apiKey: string;
  dir: string;
}

/** Starts the built server on a fresh SQLite file, registers an account and enrolls Sheldon. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'faceauth-shutdown-'));
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, PORT: String(port), LOG_LEVEL: 'warn', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const json = (body: object) => Buffer.from(JSON.stringify(body));
  await waitFor('the server to answer /health with models loaded', async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const { status, body } = await send(port, 'GET', '/api/v1/health', {}, Buffer.alloc(0)).reply;
    return status === 200 && JSON.parse(body).models_loaded === true ? true : undefined;
  });
  const registered = await send(port, 'POST', '/api/v1/register', { 'Content-Type': 'application/json' }, json({ email: 'drain@example.com', name: 'Drain' })).reply;
  expect(registered.status).toBe(201);
  const apiKey = JSON.parse(registered.body).api_key as string;
  const form = await multipart({ name: 'sheldon' }, { image: SHELDON[0] });
  const enrolled = await send(port, 'POST', '/api/v1/enroll', { 'Content-Type': form.type, 'X-API-Key': apiKey }, form.body).reply;
  expect(enrolled.status).toBe(201);
  return { child, port, stdout: () => out, exited, apiKey, dir };
}

/** `count` verifies, each on its own connection, resolved once every one is fully sent and accepted. */
async function verifiesInFlight(server: Server, count: number): Promise<Array<Promise<Reply | Error>>> {
  const form = await multipart({ name: 'sheldon' }, { image: SHELDON[1] });
  const sent = Array.from({ length: count }, () => send(server.port, 'POST', '/api/v1/verify', { 'Content-Type': form.type, 'X-API-Key': server.apiKey }, form.body));
  await Promise.all(sent.map((s) => s.written));
  // The kernel hands connections to the server in the order they came: once a later one is answered,
  // every verify's connection has been accepted.
  await send(server.port, 'GET', '/api/v1/health', {}, Buffer.alloc(0)).reply;
  return sent.map((s) => s.reply.catch((error: Error) => error));
}

describe('graceful shutdown of the built server', () => {
  let server: Server | undefined;
  beforeAll(() => ensureBuilt(), 600_000);
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    if (server) rmSync(server.dir, { recursive: true, force: true });
    server = undefined;
  });

  it('answers all 10 verifies in flight at SIGTERM with 200, refuses new connections and exits 0', async () => {
    server = await startServer({ SHUTDOWN_GRACE_MS: '60000' });
    const replies = await verifiesInFlight(server, 10);
    server.child.kill('SIGTERM');
    const alive = server;
    const refusedWhileRunning = await waitFor('a new connection to be refused', async () => {
      if (await connectionRefused(alive.port)) return alive.child.exitCode === null;
      return undefined;
    });
    const results = await Promise.all(replies);
    const { code, signal } = await server.exited;
    for (const result of results) {
      expect(result).not.toBeInstanceOf(Error);
      const reply = result as Reply;
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ success: true, match: true });
    }
    expect(refusedWhileRunning).toBe(true);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.stdout()).not.toMatch(/Napi::Error|"level":"error"/);
  });

  it('cuts the requests still running when the grace period ends, says how many in a JSON log line and exits 1', async () => {
    server = await startServer({ SHUTDOWN_GRACE_MS: '0' });
    const replies = await verifiesInFlight(server, 10);
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    await Promise.all(replies);
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    const line = server.stdout().split('\n').find((l) => l.includes('requests cut'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!);
    expect(logged).toMatchObject({ level: 'error', grace_ms: 0 });
    expect(logged.cut).toBeGreaterThan(0);
    expect(logged.cut).toBeLessThanOrEqual(10);
  });
});
