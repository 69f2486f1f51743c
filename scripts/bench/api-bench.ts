// npm run bench:api [-- --json FILE] [--requests 500] [--requests-c4 1500] [--rounds 5] [--embed-iterations 40]
//                    [--port N] [--no-build] [--inference-json FILE] [--profile DIR] (a V8 CPU profile of the server)
//                    [--baseline REF] (side by side with REF built in a temporary worktree: see side-by-side.ts)
//                    [--variants 'label:NAME=value,NAME=value;label:...'] (this checkout under each environment, side
//                    by side, the first as reference: e.g. the onnxruntime session options of docs/performance.md)
//                    [--env 'NAME=value,...'] (for every server started, under a variant's own: e.g. the production
//                    backends, DATABASE_URL=postgres://... (a scratch database on that server) and REDIS_URL=redis://...)
//                    [--login [--logins 4] [--login-verifies 20] [--login-warmup 10]] (instead of the verify load:
//                    the server CPU of one active-liveness login against one verify, see login-bench.ts; with
//                    --baseline, both servers)
// End-to-end cost of POST /verify over loopback HTTP. Builds the API, starts `node dist/apps/api/src/main.js` on the
// embedded defaults with a temp SQLite database (or the backends --env names), registers an account (moved to the enterprise plan so the
// rate limits do not interfere), enrolls the benchmark photo, then drives POST /verify with autocannon: a fixed
// number of requests at concurrency 1, then at concurrency 4. The multipart body is built once. Reported beside
// the in-process embed time of the same photo (the whole inference path verify runs: decode, detect, landmarks,
// align, embed; no anti-spoof model), measured in this process in blocks between the concurrency-1 rounds, while the server
// idles, so the two never share the CPU. GET /metrics (METRICS_TOKEN set for the server) is scraped before the
// warm-up and after the last run, and sampled while the concurrency-4 run goes: the counters that moved are printed.
// Scrapes around the concurrency-1 rounds split a verify's server time: the photo on its inference thread, its
// wait around that (queue, thread hand-offs) and the request's own work on the main thread.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_PHOTO as PHOTO, hidePasswords, parseAssignments, parseVariants, quantile, round } from './bench-support';
import { pooled, startApi, summarise } from './api-server';
import { checkOutBaseline } from './baseline-checkout';
import { loginVsVerify, printLoginVsVerify } from './login-bench';
import { printSideBySide, sideBySide } from './side-by-side';
import { formatDelta, metricsDelta, scrapeMetrics, verifyTimeline, watchGauges } from './metrics-delta';
import { loadConfig, projectRoot } from '@faceauth/config';
import { OnnxInferenceService } from '@faceauth/inference';
import { ownEarlyMatch } from '../inference/lib/own-early-match';


const root = projectRoot();
const datasets = process.env.FACEAUTH_DATASETS ?? join(root, '..', 'shared', 'datasets');

/**
 * The verify inference path in this process (one photo at a time, warm), measured in blocks: against the photo's
 * own enrollment, with the early match /verify passes for it (a match this clear skips the mirror passes).
 */
async function startEmbedder(photo: Buffer) {
  const config = loadConfig();
  const service = new OnnxInferenceService(config);
  await service.onModuleInit();
  if (!service.modelsLoaded) throw new Error('models not loaded: run `npm run models` first');
  const earlyMatch = await ownEarlyMatch(service, photo, config);
  for (let i = 0; i < 10; i++) await service.extractTemplate(photo, 'largest', { earlyMatch });
  return {
    async measure(iterations: number): Promise<EmbedStats> {
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await service.extractTemplate(photo, 'largest', { earlyMatch });
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
      baseline: { type: 'string' },
      variants: { type: 'string' },
      env: { type: 'string' },
      login: { type: 'boolean' },
      logins: { type: 'string' },
      'login-warmup': { type: 'string' },
      'login-verifies': { type: 'string' },
    },
  }).values;
  const requestsC1 = Number(args.requests ?? 500);
  const requestsC4 = Number(args['requests-c4'] ?? 1500);
  // Warm-up brings the heaps and allocator arenas of the server and its inference threads to their working size.
  const warmup = Number(args.warmup ?? 200);
  const rounds = Number(args.rounds ?? 5);
  const photo = readFileSync(join(datasets, PHOTO));

  if (!args['no-build']) {
    console.log('building (npm run build) ...');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const env = parseAssignments(args.env ?? '');
  if (args.login) return loginRun(args.baseline, photo, { env, profile: args.profile, rounds, logins: Number(args.logins ?? 4), verifies: Number(args['login-verifies'] ?? 20), warmup: Number(args['login-warmup'] ?? 10), json: args.json });
  if (args.baseline) return baselineRun(args.baseline, photo, { env, rounds, requestsC1, requestsC4, warmup, json: args.json });
  if (args.variants) return variantsRun(parseVariants(args.variants).map((v) => ({ ...v, env: { ...env, ...v.env } })), photo, { rounds, requestsC1, requestsC4, warmup, json: args.json });

  // This VM's speed drifts by 10-20% over minutes, so the concurrency-1 requests run in rounds, each between
  // two blocks of in-process embeds (this process, while the server idles): a round's ratio compares times
  // taken within a minute of each other, and the reported ratio is the median over the rounds.
  const embedIterations = Number(args['embed-iterations'] ?? 40);
  console.log('loading the in-process engine ...');
  const embedder = await startEmbedder(photo);
  const embedBlocks: EmbedStats[] = [await embedder.measure(embedIterations)];

  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const metricsToken = randomBytes(24).toString('base64url');
  const api = await startApi('this checkout', root, photo, { nodeArgs: profile, port: args.port ? Number(args.port) : undefined, env: { ...env, METRICS_TOKEN: metricsToken } });
  const scrape = () => scrapeMetrics(api.baseUrl, metricsToken);
  try {
    const rssBoot = api.rss();
    const metricsBefore = await scrape();
    await api.verify(4, warmup);
    const rssBefore = api.rss();
    console.log(`concurrency 1: ${requestsC1} requests in ${rounds} rounds, each between ${embedIterations} in-process embeds ...`);
    const c1Runs = [];
    const beforeC1 = await scrape();
    for (let r = 0; r < rounds; r++) {
      c1Runs.push(await api.verify(1, Math.ceil(requestsC1 / rounds)));
      embedBlocks.push(await embedder.measure(embedIterations));
    }
    const timelineC1 = verifyTimeline(beforeC1, await scrape());
    await embedder.close();
    const c1Rounds = c1Runs.map(summarise);
    const c1 = summarise(pooled(c1Runs));
    const roundRatios = c1Rounds.map((run, r) => round(run.latency_ms.p50 / ((embedBlocks[r].median + embedBlocks[r + 1].median) / 2), 3));
    const rssMiddle = api.rss();
    console.log(`concurrency 4: ${requestsC4} requests ...`);
    const gauges = watchGauges(scrape);
    const c4 = summarise(await api.verify(4, requestsC4));
    const peaks = await gauges.stop();
    const rssAfter = api.rss();
    // Its cost is what the HTTP layer adds to an embed.
    console.log(`HTTP path without inference (404 NO_ENROLLED_FACES): ${requestsC1} requests ...`);
    const noInference = summarise(await api.unknown(1, requestsC1));
    const metricsMoved = metricsDelta(metricsBefore, await scrape(), peaks);
    const embed = {
      median: round(quantile(embedBlocks.map((b) => b.median), 0.5)),
      min: Math.min(...embedBlocks.map((b) => b.min)),
      cpu_ms_per_call: round(quantile(embedBlocks.map((b) => b.cpu_ms_per_call), 0.5)),
    };

    const inferenceBench = args['inference-json'] && existsSync(args['inference-json']) ? JSON.parse(readFileSync(args['inference-json'], 'utf8')) : null;
    const benchEmbed: number | null = inferenceBench?.images?.portrait_640x480?.stages_ms?.total_without_liveness?.median ?? null;
    const report = {
      environment: environment(),
      photo: PHOTO,
      photo_bytes: photo.length,
      in_process_embed_ms: { blocks: embedBlocks, median_of_medians: embed.median },
      inference_bench_embed_median_ms: benchEmbed,
      http_verify: { c1, c1_rounds: c1Rounds, c4 },
      http_without_inference_c1: noInference,
      server_timeline_c1: timelineC1,
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
        p50_within_1_2x_embed: quantile(roundRatios, 0.5) <= 1.2,
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
    const tl = timelineC1;
    console.log(
      `a verify on the server at concurrency 1 (means): ${tl.server_ms} ms = ${tl.inference_run_ms} on its inference thread + ${tl.inference_wait_ms} waiting around it ` +
        `(queue and thread hand-offs) + ${tl.main_thread_ms} of the request's own work on the main thread; the client's mean ${c1.latency_ms.mean} ms`,
    );
    console.log(`RSS ${rssBoot} MB at boot, ${rssBefore} MB after ${warmup} warm-up verifies -> ${rssMiddle} MB -> ${rssAfter} MB over ${report.memory.verifies} verifies`);
    console.log(`\nGET /metrics, before the warm-up and after the last run:\n${formatDelta(metricsMoved)}`);
    if (args.json) writeFileSync(args.json, JSON.stringify(report, hidePasswords, 2) + '\n');
    if (c1.non_2xx + c4.non_2xx + noInference.non_2xx + c1.errors + c4.errors + noInference.errors > 0) process.exitCode = 1;
  } finally {
    await api.stop();
  }
}

function environment() {
  return { cpu: cpus()[0]?.model, cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30, 1), node: process.version, loadavg: loadavg().map((v) => round(v)) };
}

/** This checkout and `ref` (built in a temporary worktree) side by side, alternating rounds. */
async function baselineRun(ref: string, photo: Buffer, options: { env: Record<string, string>; rounds: number; requestsC1: number; requestsC4: number; warmup: number; json?: string }): Promise<void> {
  const baseline = checkOutBaseline(root, ref);
  const started = [];
  try {
    started.push(await startApi(`baseline ${baseline.commit.slice(0, 7)}`, baseline.root, photo, { env: options.env }));
    started.push(await startApi('this checkout', root, photo, { env: options.env }));
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    console.log(`${options.rounds} alternating rounds of ${Math.ceil(options.requestsC1 / options.rounds)} verifies at concurrency 1 and ${Math.ceil(options.requestsC4 / options.rounds)} at concurrency 4 on each server ...`);
    const reports = await sideBySide(started, options);
    printSideBySide(reports);
    const loadEnd = loadavg().map((v) => round(v));
    if (options.json) {
      writeFileSync(options.json, JSON.stringify({ environment: { ...environment(), loadavg_end: loadEnd }, photo: PHOTO, baseline: { ref, commit: baseline.commit, subject: baseline.subject }, head, options, servers: reports }, hidePasswords, 2) + '\n');
    }
    if (reports.some((r) => r.c1.non_2xx + r.c4.non_2xx + r.c1.errors + r.c4.errors > 0)) process.exitCode = 1;
  } finally {
    for (const api of started) await api.stop();
    baseline.remove();
  }
}

/** One active-liveness login against one verify, on this checkout (and `ref` first, when given), alternating rounds. */
async function loginRun(ref: string | undefined, photo: Buffer, options: { env: Record<string, string>; profile?: string; rounds: number; logins: number; verifies: number; warmup: number; json?: string }): Promise<void> {
  const loadStart = loadavg().map((v) => round(v));
  const baseline = ref ? checkOutBaseline(root, ref) : null;
  const started = [];
  try {
    if (baseline) started.push(await startApi(`baseline ${baseline.commit.slice(0, 7)}`, baseline.root, photo, { env: options.env }));
    const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
    started.push(await startApi('this checkout', root, photo, { nodeArgs, env: options.env }));
    console.log(`${options.rounds} rounds, each of ${options.verifies} verifies and ${options.logins} active-liveness logins on each server (after ${options.warmup} warm-up logins) ...`);
    const reports = await loginVsVerify(started, { ...options, datasets });
    printLoginVsVerify(reports);
    if (options.json) {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      writeFileSync(options.json, JSON.stringify({ environment: { ...environment(), loadavg: loadStart, loadavg_end: loadavg().map((v) => round(v)) }, baseline: baseline && { ref, commit: baseline.commit, subject: baseline.subject }, head, options, servers: reports }, hidePasswords, 2) + '\n');
    }
  } finally {
    for (const api of started) await api.stop();
    baseline?.remove();
  }
}

/** This checkout under several environments, side by side (the first is the reference). */
async function variantsRun(variants: ReturnType<typeof parseVariants>, photo: Buffer, options: { rounds: number; requestsC1: number; requestsC4: number; warmup: number; json?: string }): Promise<void> {
  const started = [];
  try {
    for (const v of variants) started.push(await startApi(v.label, root, photo, { env: v.env }));
    const reports = await sideBySide(started, options);
    printSideBySide(reports);
    if (options.json) writeFileSync(options.json, JSON.stringify({ environment: environment(), photo: PHOTO, variants, options, servers: reports }, hidePasswords, 2) + '\n');
  } finally {
    for (const api of started) await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
