// bench:api --login: the server CPU of one complete active-liveness login against one POST /verify, on each
// server in alternating rounds. A login is the guided widget's requests (scripts/liveness/lib/active-login.ts,
// the e2e suites' performActiveLogin): start the session with the secret key, read the challenge, post each
// step's three frames after the person's pause, post the attempt, which must match. The verify is of the
// login's own frontal photo against the same enrolled user, so that both spend their CPU on photos of one
// kind; the verify of the benchmark's 640x480 photo is reported beside it. CPU is the server process's
// (every thread, /proc), read around each block. The idle server burns CPU of its own (timers, the pool), and
// a login lasts over a second, mostly the person's pauses: that background (the idle rate measured before
// the rounds, times the block's wall time) is taken off both the logins and the verifies; the figures
// before the correction are kept as `raw_*`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHALLENGE_SHAPE } from '@faceauth/login-sessions';
import { ApiUnderTest } from './api-server';
import { quantile, round, setupFetch } from './bench-support';
import { cpuMs, drive, multipart } from './http-load';
import { ActiveLoginClient, performActiveLogin, posedA } from '../liveness/lib/active-login';

const LOGIN_USER = 'bench-posed';
const LOGIN_FRAMES = CHALLENGE_SHAPE.steps * CHALLENGE_SHAPE.framesPerStep;
const jpeg = (field: string, data: Buffer) => ({ field, name: `${field}.jpg`, type: 'image/jpeg', data });

export interface LoginRound {
  /** Server CPU per login less the idle server's background over the login's wall time. */
  cpu_ms_per_login: number;
  raw_cpu_ms_per_login: number;
  cpu_ms_per_verify: number;
  cpu_ms_per_verify_bench_photo: number;
  wall_ms_per_login: number;
  login_over_verify: number;
  login_over_verify_bench_photo: number;
  raw_login_over_verify: number;
}

export interface LoginReport {
  label: string;
  /** CPU the idle server uses per second (the pauses of a login are idle time). */
  idle_cpu_ms_per_s: number;
  rounds: LoginRound[];
  /** Median over the rounds of each figure. */
  median: LoginRound;
  /** Median over the rounds of this server's login_over_verify divided by the reference's (the first server's). */
  ratio_to_reference: number | null;
}

/** One server ready for logins: POSED_A enrolled, its verify body built, one login done (it must match). */
async function prepare(api: ApiUnderTest, datasets: string) {
  const who = posedA((...parts) => join(datasets, ...parts));
  const enrolled = multipart({ name: LOGIN_USER }, who.enroll.map((file, i) => jpeg(i === 0 ? 'image' : `image${i}`, readFileSync(file))));
  const answer = await setupFetch(`${api.baseUrl}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': enrolled.contentType, 'x-api-key': api.apiKey }, body: Uint8Array.from(enrolled.body) });
  if (answer.status !== 201) throw new Error(`${api.label}: enroll of the posed person answered ${answer.status}: ${await answer.text()}`);
  const form = multipart({ name: LOGIN_USER }, jpeg('image', readFileSync(who.facing)));
  const headers = { 'content-type': form.contentType, 'x-api-key': api.apiKey };
  const check = await setupFetch(`${api.baseUrl}/api/v1/verify`, { method: 'POST', headers, body: Uint8Array.from(form.body) }).then((r) => r.json());
  if (check.match !== true) throw new Error(`${api.label}: verify of the posed person's frontal photo did not match: ${JSON.stringify(check)}`);

  const login = async () => {
    const started = await call(api, 'POST', '/login-sessions', 201, { 'x-api-key': api.apiKey, 'content-type': 'application/json' }, JSON.stringify({ user_id: LOGIN_USER, liveness: { mode: 'active' } }));
    const auth = { authorization: `Bearer ${started.client_secret}` };
    const path = `/login-sessions/${started.session_id}`;
    const client: ActiveLoginClient<{ match: boolean; liveness: unknown }> = {
      challenge: async () => (await call(api, 'GET', `${path}/challenge`, 200, auth)).challenge,
      postFrames: (step, frames) => {
        const body = multipart({ step: String(step) }, frames.map((data, i) => jpeg(`frame${i}`, data)));
        return call(api, 'POST', `${path}/frames`, 200, { ...auth, 'content-type': body.contentType }, Uint8Array.from(body.body));
      },
      attempt: () => call(api, 'POST', `${path}/attempts`, 200, { ...auth, 'content-type': 'application/json' }, '{}'),
    };
    const result = await performActiveLogin(client, who);
    if (result.match !== true) throw new Error(`${api.label}: the active login did not match: ${JSON.stringify(result)}`);
  };
  await login();
  return { login, verify: (amount: number) => drive(`${api.baseUrl}/api/v1/verify`, headers, form.body, 1, amount, api.pid) };
}

async function call(api: ApiUnderTest, method: string, path: string, expected: number, headers: Record<string, string>, body?: RequestInit['body']) {
  const res = await fetch(`${api.baseUrl}/api/v1${path}`, { method, headers, body });
  if (res.status !== expected) throw new Error(`${api.label}: ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function idleRate(pid: number): Promise<number> {
  const before = cpuMs(pid)!;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return round((cpuMs(pid)! - before) / 5);
}

/** `apis[0]` is the reference of ratio_to_reference. Needs /proc (Linux). */
export async function loginVsVerify(
  apis: ApiUnderTest[],
  { rounds, logins, verifies, datasets, warmup = 0 }: { rounds: number; logins: number; verifies: number; datasets: string; warmup?: number },
): Promise<LoginReport[]> {
  if (apis.some((api) => cpuMs(api.pid) === null)) throw new Error('--login reads the server CPU from /proc: Linux only');
  const ready: Array<Awaited<ReturnType<typeof prepare>> & { idle: number }> = [];
  for (const api of apis) {
    const server = await prepare(api, datasets);
    // Warm-up: the inference threads' heaps and arenas at their working size for both kinds of request. With
    // `warmup`, that many logins too (and as many verifies as they have frames): the login's code paths (its
    // entities, the liveness decision) are then compiled as the verify's are, as on a server that has served both.
    await server.verify(verifies + LOGIN_FRAMES * warmup);
    await api.verify(1, verifies);
    for (let n = 0; n < warmup; n++) await server.login();
    ready.push({ ...server, idle: await idleRate(api.pid) });
  }
  const figures: LoginRound[][] = apis.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = apis.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const api = apis[i];
      const verify = await ready[i].verify(verifies);
      const benchPhoto = await api.verify(1, verifies);
      if (verify.non2xx + verify.errors + benchPhoto.non2xx + benchPhoto.errors > 0) throw new Error(`${api.label}: a verify failed`);
      const before = cpuMs(api.pid)!;
      const start = performance.now();
      for (let n = 0; n < logins; n++) await ready[i].login();
      const wall = (performance.now() - start) / logins;
      const idle = ready[i].idle / 1000;
      const rawLogin = (cpuMs(api.pid)! - before) / logins;
      const rawVerify = verify.serverCpuMs! / verify.latencies.length;
      const perLogin = rawLogin - idle * wall;
      const perVerify = rawVerify - (idle * verify.seconds * 1000) / verify.latencies.length;
      const perBenchVerify = (benchPhoto.serverCpuMs! - idle * benchPhoto.seconds * 1000) / benchPhoto.latencies.length;
      const figure: LoginRound = {
        cpu_ms_per_login: round(perLogin),
        raw_cpu_ms_per_login: round(rawLogin),
        cpu_ms_per_verify: round(perVerify),
        cpu_ms_per_verify_bench_photo: round(perBenchVerify),
        wall_ms_per_login: round(wall),
        login_over_verify: round(perLogin / perVerify, 3),
        login_over_verify_bench_photo: round(perLogin / perBenchVerify, 3),
        raw_login_over_verify: round(rawLogin / rawVerify, 3),
      };
      figures[i].push(figure);
      console.log(`round ${r + 1} ${api.label}: ${figure.cpu_ms_per_login} ms CPU per login, ${figure.cpu_ms_per_verify} per verify of its frontal photo (${figure.cpu_ms_per_verify_bench_photo} of the 640x480 photo): ${figure.login_over_verify}x`);
    }
  }
  return apis.map((api, i) => ({
    label: api.label,
    idle_cpu_ms_per_s: ready[i].idle,
    rounds: figures[i],
    median: Object.fromEntries(Object.keys(figures[i][0]).map((k) => [k, round(quantile(figures[i].map((f) => f[k as keyof LoginRound]), 0.5), 3)])) as unknown as LoginRound,
    ratio_to_reference: i === 0 ? null : round(quantile(figures[i].map((f, r) => f.login_over_verify / figures[0][r].login_over_verify), 0.5), 3),
  }));
}

export function printLoginVsVerify(reports: LoginReport[]): void {
  console.log('\n| server | CPU ms per login | CPU ms per verify (frontal photo) | login / verify | CPU ms per verify (640x480 photo) | login / that verify | wall ms per login | idle CPU ms/s | login / verify before taking the idle CPU off |\n|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    const m = r.median;
    console.log(`| ${r.label} | ${m.cpu_ms_per_login} | ${m.cpu_ms_per_verify} | **${m.login_over_verify}** | ${m.cpu_ms_per_verify_bench_photo} | ${m.login_over_verify_bench_photo} | ${m.wall_ms_per_login} | ${r.idle_cpu_ms_per_s} | ${m.raw_login_over_verify} |`);
  }
  for (const r of reports.slice(1)) console.log(`${r.label} / ${reports[0].label}, login / verify (median of per-round ratios): ${r.ratio_to_reference}`);
}
