// npm run bench:api [-- --json FILE] [--requests 500] [--requests-c4 1500] [--rounds 5] [--embed-iterations 40] [--warmup 200]
//                    [--port N] [--no-build] [--inference-json FILE] [--profile DIR] (a V8 CPU profile of the server)
// End-to-end cost of POST /verify over loopback HTTP. Builds the API, starts `node dist/apps/api/src/main.js` on the
// embedded defaults with a temp SQLite database, registers an account (moved to the enterprise plan so the
// rate limits do not interfere), enrolls the benchmark photo, then drives POST /verify with autocannon: a fixed
// number of requests at concurrency 1, then at concurrency 4. The multipart body is built once. Reported beside
// the in-process embed time of the same photo (the whole inference path verify runs: decode, detect, landmarks,
// align, embed, liveness), measured in this process in blocks between the concurrency-1 rounds, while the server
// idles, so the two never share the CPU. GET /metrics (METRICS_TOKEN set for the server) is scraped before the
// warm-up and after the last run, and sampled while the concurrency-4 run goes: the counters that moved are printed.
import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, quantile, round, setupFetch, waitForApi } from './bench-support';
import { drive, multipart, Run } from './http-load';
import { formatDelta, metricsDelta, scrapeMetrics, watchGauges } from './metrics-delta';
import { loadConfig, projectRoot } from '@faceauth/config';
import { OnnxInferenceService } from '@faceauth/inference';

const PHOTO = 'spoof_samples/live/image_T1.jpg';
const USER = 'bench-user';

interface LoadResult {
  connections: number;
  requests: number;
  non_2xx: number;
  errors: number;
  seconds: number;
  rps: number;
  latency_ms: { min: number; p50: number; p90: number; p99: number; mean: number; max: number };
  /** CPU time of the server process (every thread) per request, and cores kept busy on average (Linux). */
  server_cpu_ms_per_request: number | null;
  server_cores_busy: number | null;
}

/** Several runs as one: latencies pooled, counts, time and CPU summed. */
function pooled(runs: Run[]): Run {
  const sum = (pick: (r: Run) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    connections: runs[0].connections,
    latencies: runs.flatMap((r) => r.latencies),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    seconds: sum((r) => r.seconds),
    serverCpuMs: runs.every((r) => r.serverCpuMs !== null) ? sum((r) => r.serverCpuMs!) : null,
  };
}

function summarise({ connections, latencies, non2xx, errors, seconds, serverCpuMs: cpu }: Run): LoadResult {
  return {
    connections,
    requests: latencies.length,
    non_2xx: non2xx,
    errors,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    latency_ms: latencyStats(latencies),
    server_cpu_ms_per_request: cpu === null ? null : round(cpu / Math.max(1, latencies.length)),
    server_cores_busy: cpu === null ? null : round(cpu / 1000 / seconds),
  };
}

function latencyStats(latencies: number[]): LoadResult['latency_ms'] {
  return {
    min: round(Math.min(...latencies)),
    p50: round(quantile(latencies, 0.5)),
    p90: round(quantile(latencies, 0.9)),
    p99: round(quantile(latencies, 0.99)),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    max: round(Math.max(...latencies)),
  };
}

const root = projectRoot();
const datasets = process.env.FACEAUTH_DATASETS ?? join(root, '..', 'shared', 'datasets');

/** The verify inference path in this process (one photo at a time, warm), measured in blocks. */
async function startEmbedder(photo: Buffer) {
  const service = new OnnxInferenceService(loadConfig());
  await service.onModuleInit();
  if (!service.modelsLoaded) throw new Error('models not loaded: run `npm run models` first');
  for (let i = 0; i < 10; i++) await service.extractTemplate(photo, 'largest', { liveness: true });
  return {
    async measure(iterations: number): Promise<EmbedStats> {
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await service.extractTemplate(photo, 'largest', { liveness: true });
        times.push(performance.now() - start);
      }
      const used = process.cpuUsage(cpu);
      return {
        median: round(quantile(times, 0.5)),
        p95: round(quantile(times, 0.95)),
        min: round(Math.min(...times)),
        cpu_ms_per_call: round((used.user + used.system) / 1000 / iterations),
        iterations,
      };
    },
    close: () => service.onModuleDestroy(),
  };
}

interface EmbedStats {
  median: number;
  p95: number;
  min: number;
  cpu_ms_per_call: number;
  iterations: number;
}

/** Resident set size of a process in MB (Linux /proc, else ps). */
function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1]);
    return round(kb / 1024, 1);
  }
  return round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024, 1);
}

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      json: { type: 'string' },
      requests: { type: 'string' },
      'requests-c4': { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean' },
      rounds: { type: 'string' },
      'inference-json': { type: 'string' },
      'embed-iterations': { type: 'string' },
      profile: { type: 'string' },
      warmup: { type: 'string' },
    },
  }).values;
  const requestsC1 = Number(args.requests ?? 500);
  const requestsC4 = Number(args['requests-c4'] ?? 1500);
  // Warm-up brings the heaps and allocator arenas of the server and its inference threads to their working size.
  const warmup = Number(args.warmup ?? 200);
  const photo = readFileSync(join(datasets, PHOTO));

  if (!args['no-build']) {
    console.log('building (npm run build) ...');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  // This VM's speed drifts by 10-20% over minutes, so the concurrency-1 requests run in rounds, each between
  // two blocks of in-process embeds (this process, while the server idles): a round's ratio compares times
  // taken within a minute of each other, and the reported ratio is the median over the rounds.
  const rounds = Number(args.rounds ?? 5);
  const embedIterations = Number(args['embed-iterations'] ?? 40);
  console.log('loading the in-process engine ...');
  const embedder = await startEmbedder(photo);
  const embedBlocks: EmbedStats[] = [await embedder.measure(embedIterations)];

  const port = Number(args.port ?? (await freePort()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const scratch = mkdtempSync(join(tmpdir(), 'faceauth-bench-api-'));
  const metricsToken = randomBytes(24).toString('base64url');
  const scrape = () => scrapeMetrics(baseUrl, metricsToken);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${join(scratch, 'bench.sqlite')}`, METRICS_TOKEN: metricsToken };
  delete env.REDIS_URL;
  const log = createWriteStream(join(scratch, 'api.log'));
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const stopServer = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  };
  const server = spawn(process.execPath, [...profile, join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(log);
  server.stderr.pipe(process.stderr);
  try {
    await waitForApi(baseUrl, server, { healthy: true });
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await setupFetch(`${baseUrl}/api/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, name: 'Bench' }),
    }).then((r) => r.json());
    const key: string = registered.api_key;
    // Enterprise: 10,000 calls per minute and no monthly cap, so the limits never answer instead of the API.
    execFileSync(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), 'set-plan', email, 'enterprise'], { cwd: root, env, stdio: 'ignore' });

    // One body serves both routes: enroll the photo under USER, then verify it against USER.
    const form = multipart({ name: USER }, { field: 'image', name: 'photo.jpg', type: 'image/jpeg', data: photo });
    const headers = { 'content-type': form.contentType, 'x-api-key': key };
    const enrolled = await setupFetch(`${baseUrl}/api/v1/enroll`, { method: 'POST', headers, body: Uint8Array.from(form.body) });
    if (enrolled.status !== 201) throw new Error(`enroll answered ${enrolled.status}: ${await enrolled.text()}`);

    const url = `${baseUrl}/api/v1/verify`;
    const check = await setupFetch(url, { method: 'POST', headers, body: Uint8Array.from(form.body) }).then((r) => r.json());
    if (check.match !== true) throw new Error(`verify of the enrolled photo did not match: ${JSON.stringify(check)}`);

    const pid = server.pid!;
    const rssBoot = rssMb(pid);
    const metricsBefore = await scrape();
    if (warmup > 0) await drive(url, headers, form.body, 4, warmup, pid);
    const rssBefore = rssMb(pid);
    console.log(`concurrency 1: ${requestsC1} requests in ${rounds} rounds, each between ${embedIterations} in-process embeds ...`);
    const c1Runs: Run[] = [];
    for (let r = 0; r < rounds; r++) {
      c1Runs.push(await drive(url, headers, form.body, 1, Math.ceil(requestsC1 / rounds), pid));
      embedBlocks.push(await embedder.measure(embedIterations));
    }
    await embedder.close();
    const c1Rounds = c1Runs.map(summarise);
    const c1 = summarise(pooled(c1Runs));
    const roundRatios = c1Rounds.map((run, r) => round(run.latency_ms.p50 / ((embedBlocks[r].median + embedBlocks[r + 1].median) / 2), 3));
    const rssMiddle = rssMb(pid);
    console.log(`concurrency 4: ${requestsC4} requests ...`);
    const gauges = watchGauges(scrape);
    const c4 = summarise(await drive(url, headers, form.body, 4, requestsC4, pid));
    const peaks = await gauges.stop();
    const rssAfter = rssMb(pid);
    // The same request for a name nobody enrolled: key check, rate limit, quota, lookup, usage log and the 404
    // envelope, but no inference. Its cost is what the HTTP layer adds to an embed.
    const unknown = multipart({ name: 'nobody-enrolled' }, { field: 'image', name: 'photo.jpg', type: 'image/jpeg', data: photo });
    console.log(`HTTP path without inference (404 NO_ENROLLED_FACES): ${requestsC1} requests ...`);
    const noInference = summarise(await drive(url, { ...headers, 'content-type': unknown.contentType }, unknown.body, 1, requestsC1, pid, 404));
    const metricsMoved = metricsDelta(metricsBefore, await scrape(), peaks);
    const embed = {
      median: round(quantile(embedBlocks.map((b) => b.median), 0.5)),
      min: Math.min(...embedBlocks.map((b) => b.min)),
      cpu_ms_per_call: round(quantile(embedBlocks.map((b) => b.cpu_ms_per_call), 0.5)),
    };

    const inferenceBench = args['inference-json'] && existsSync(args['inference-json']) ? JSON.parse(readFileSync(args['inference-json'], 'utf8')) : null;
    const benchEmbed: number | null = inferenceBench?.images?.portrait_640x480?.stages_ms?.total?.median ?? null;
    const report = {
      environment: { cpu: cpus()[0]?.model, cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30, 1), node: process.version },
      photo: PHOTO,
      photo_bytes: photo.length,
      in_process_embed_ms: { blocks: embedBlocks, median_of_medians: embed.median },
      inference_bench_embed_median_ms: benchEmbed,
      http_verify: { c1, c1_rounds: c1Rounds, c4 },
      http_without_inference_c1: noInference,
      ratios: {
        p50_c1_over_embed_per_round: roundRatios,
        p50_c1_over_embed: round(quantile(roundRatios, 0.5), 3),
        pooled_p50_c1_over_median_embed: round(c1.latency_ms.p50 / embed.median, 3),
        min_c1_over_embed_min: round(c1.latency_ms.min / embed.min, 3),
        server_cpu_per_request_over_embed_cpu: c1.server_cpu_ms_per_request === null ? null : round(c1.server_cpu_ms_per_request / embed.cpu_ms_per_call, 3),
        rps_c4_over_c1: round(c4.rps / c1.rps, 3),
      },
      metrics_delta: metricsMoved,
      memory: { verifies: requestsC1 + requestsC4, warmup, rss_mb_boot: rssBoot, rss_mb_before: rssBefore, rss_mb_after_c1: rssMiddle, rss_mb_after: rssAfter },
      targets: {
        p50_within_1_3x_embed: quantile(roundRatios, 0.5) <= 1.3,
        c4_rps_at_least_1_7x_c1: c4.rps >= 1.7 * c1.rps,
      },
    };
    console.log('\n| concurrency | requests | min ms | p50 ms | p90 ms | p99 ms | req/s | server CPU ms/req | cores busy | non-2xx |\n|---|---|---|---|---|---|---|---|---|---|');
    for (const r of [c1, c4, noInference]) {
      const l = r.latency_ms;
      console.log(`| ${r.connections} | ${r.requests} | ${l.min} | ${l.p50} | ${l.p90} | ${l.p99} | ${r.rps} | ${r.server_cpu_ms_per_request} | ${r.server_cores_busy} | ${r.non_2xx} |`);
    }
    console.log(`\nin-process embed medians by block: ${embedBlocks.map((b) => b.median).join(', ')} ms`);
    console.log(`concurrency-1 p50 by round: ${c1Rounds.map((r) => r.latency_ms.p50).join(', ')} ms; ratio by round: ${roundRatios.join(', ')}`);
    console.log(`HTTP p50 / in-process embed = ${report.ratios.p50_c1_over_embed} (median of rounds); rps c4 / c1 = ${report.ratios.rps_c4_over_c1}`);
    console.log(`RSS ${rssBoot} MB at boot, ${rssBefore} MB after ${warmup} warm-up verifies -> ${rssMiddle} MB -> ${rssAfter} MB over ${report.memory.verifies} verifies`);
    console.log(`\nGET /metrics, before the warm-up and after the last run (${warmup + rounds * Math.ceil(requestsC1 / rounds) + requestsC4} verifies of the enrolled name, ${requestsC1} of an unknown one):\n${formatDelta(metricsMoved)}`);
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
    if (c1.non_2xx + c4.non_2xx + noInference.non_2xx + c1.errors + c4.errors + noInference.errors > 0) process.exitCode = 1;
  } finally {
    await stopServer();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
