// npm run bench:inference [-- --json FILE] [--iterations 50] [--peer]
// Per-stage median and p95 of the whole engine path (extractTemplate with liveness) on a 640x480 portrait
// JPEG (EXIF-rotated) and a 1920x1280 group photo: warm, one image at a time, one ONNX thread per session,
// sharp on one thread. `*Model` stages are the bare ONNX runs inside the stage; `overhead` is everything
// else (decode, resizing, packing, alignment, post-processing) on the embed path. `min` is reported beside
// median and p95 because a shared machine inflates wall times; `total_cpu` is the process CPU time per call.
// The floor (lib/floor.ts): each model's multiply-accumulates read from its graph, the core's peak GMAC/s
// measured before and after the photos on graphs built in memory, each model's efficiency alone (floor time /
// median run) and the verify path's (detector once, landmarks 3 times, recogniser twice; no anti-spoof), each
// against the local peak measured right before and after it (and against the run's best peak).
// The recogniser as shipped and as loaded (PRelu rewritten, models/prelu-as-conv.js) also in 10 alternating rounds.
// The early path (a clear match: /verify's early match skips the mirror passes) is timed per photo as well.
// --peer: @vladmandic/face-api (lib/peer.ts) on the same photos, in alternating rounds with our verify path
// (decode to template, no anti-spoof), and the per-photo ratio (median of the rounds' ratios).
// --batch: the detector and the landmark model with a symbolic batch dimension, per-image time at batch
// 1, 2, 4, 8 (what batching a login session's frames would buy; the engine runs them one by one).
// --kernels: the native pixel kernels against the JavaScript ones on the portrait, 8 alternating rounds
// (lib/kernels-bench.ts).
import { loadConfig } from '@faceauth/config';
import { MODEL_FILES, StageTimings } from '@faceauth/inference';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { defaultDataDir, startService } from './lib/cli';
import { ownEarlyMatch } from './lib/own-early-match';
import { compareKernels } from './lib/kernels-bench';
import { alternateModels, localPeak, measurePeak, PeakSample, timeBatches, timeModels } from './lib/floor';
import { startPeer } from './lib/peer';

const IMAGES = { portrait_640x480: 'spoof_samples/live/image_T1.jpg', group_1920x1280: 'group_photos/sample1.jpg' };
const STAGES = ['decode', 'detect', 'landmarks', 'align', 'embed', 'liveness', 'detectModel', 'landmarksModel', 'embedModel', 'livenessModel'] as const;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

/** The recogniser before the PRelu rewrite (models/prelu-as-conv.js): timed beside the loaded copy, and its MACs are the floor's. */
const RECOGNISER_AS_SHIPPED = 'fr_feature.denormal-free.onnx';

const stat = (values: number[]) => ({ min: +Math.min(...values).toFixed(2), median: +quantile(values, 0.5).toFixed(2), p95: +quantile(values, 0.95).toFixed(2) });

async function main(): Promise<void> {
  const args = parseArgs({ options: { json: { type: 'string' }, iterations: { type: 'string' }, data: { type: 'string' }, peer: { type: 'boolean' }, batch: { type: 'boolean' }, kernels: { type: 'boolean' } } }).values;
  const iterations = Number(args.iterations ?? 50);
  sharp.concurrency(1);
  const { service } = await startService({ inference: { concurrency: 1 } });
  const report: Record<string, any> = {};
  console.log('peak and models alone ...');
  const peakBefore = await measurePeak(20);
  const models = await timeModels(service.modelsDir, [...Object.values(MODEL_FILES), RECOGNISER_AS_SHIPPED], Math.max(50, iterations));
  // The two recognisers in alternating rounds: the blocks above each ran once, while the machine's speed moved.
  const recognisers = await alternateModels(service.modelsDir, [RECOGNISER_AS_SHIPPED, MODEL_FILES.feature].map((file) => models.find((m) => m.file === file)!), 10, 20);
  console.log(`recognisers, 10 alternating rounds of 20 runs: ${recognisers.map((r) => `${r.file} ${r.median_ms} ms`).join(', ')}; loaded / as shipped ${recognisers[1].over_first} (median of rounds ${recognisers[1].over_first_by_round.join(', ')})`);
  const dataDir = args.data ?? defaultDataDir();
  const photos: Array<[string, string, Buffer]> = Object.entries(IMAGES).map(([name, file]) => [name, file, readFileSync(join(dataDir, file))]);
  // A 12-megapixel phone-sized copy of the portrait (made in memory): shows the shrink-on-load path.
  const big = await sharp(photos[0][2]).rotate().resize({ width: 3024 }).jpeg({ quality: 90 }).toBuffer();
  photos.push(['portrait_upscaled_3024x4032', `${IMAGES.portrait_640x480} enlarged to 3024x4032, JPEG q90`, big]);
  for (const [name, file, image] of photos) {
    const peakBeforePhoto = await localPeak();
    const samples: Record<string, number[]> = {};
    const push = (key: string, v: number) => (samples[key] ??= []).push(v);
    for (let i = 0; i < iterations + 5; i++) {
      const timings: StageTimings = {};
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await service.extractTemplate(image, 'largest', { liveness: true, timings });
      const total = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (i < 5) continue; // warm-up
      for (const stage of STAGES) push(stage, timings[stage] ?? 0);
      const models = (timings.detectModel ?? 0) + (timings.landmarksModel ?? 0) + (timings.embedModel ?? 0);
      const embedPath = total - (timings.liveness ?? 0);
      push('total', total);
      // CPU time of the whole process (all threads) during the call: unaffected by waiting for a busy machine.
      push('total_cpu', (cpu.user + cpu.system) / 1000);
      push('total_without_liveness', embedPath);
      push('models_without_liveness', models);
      push('overhead_without_liveness', embedPath - models);
    }
    const stages = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stat(v)]));
    const meta = await sharp(image).metadata();
    const localPeakGmacs = +((peakBeforePhoto + (await localPeak())) / 2).toFixed(2);
    report[name] = { file, width: meta.width, height: meta.height, orientation: meta.orientation ?? 1, iterations, local_peak_gmac_per_s: localPeakGmacs, stages_ms: stages };
    console.log(`\n${name} (${file}, ${meta.width}x${meta.height}, ${iterations} runs)`);
    console.log('| stage | median ms | p95 ms | min ms |\n|---|---|---|---|');
    for (const [k, v] of Object.entries(stages)) console.log(`| ${k} | ${v.median} | ${v.p95} | ${v.min} |`);
    const ratio = (k: 'median' | 'min') => ((stages.overhead_without_liveness[k] / stages.models_without_liveness[k]) * 100).toFixed(1);
    console.log(`overhead / model time: ${ratio('median')}% (medians), ${ratio('min')}% (minima)`);
    report[name].early_path_ms = await timeEarlyPath(service, image, iterations);
    const early = report[name].early_path_ms;
    console.log(`early path (verify of a clear match, MATCH_EARLY_MARGIN): total ${early.total.median} ms, models ${early.models.median} ms, overhead / model time ${((early.overhead.median / early.models.median) * 100).toFixed(1)}% (medians)`);
  }
  const peakAfter = await measurePeak(20);
  const floor = floorReport([...peakBefore, ...peakAfter], models, report);
  const peer = args.peer ? await peerComparison(service, photos) : null;
  const batches = args.batch ? await batchReport(service.modelsDir) : null;
  const kernels = args.kernels ? await kernelsReport(service, photos[0][2]) : null;
  const environment = { loadavg: loadavg().map((v) => +v.toFixed(2)), cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, onnxruntime: require('onnxruntime-node/package.json').version, sharp: sharp.versions.sharp };
  if (args.json) writeFileSync(args.json, JSON.stringify({ environment, floor, recognisers, peer, batches, kernels, images: report }, null, 2) + '\n');
  console.log('\n' + JSON.stringify(environment));
  await service.onModuleDestroy();
}

/**
 * The path /verify runs for a clear match: the photo against its own template with the shipped early match
 * (detector, two landmark passes, one recogniser pass; see @faceauth/inference EarlyMatch). No anti-spoof model.
 */
async function timeEarlyPath(service: Awaited<ReturnType<typeof startService>>['service'], image: Buffer, iterations: number) {
  const earlyMatch = await ownEarlyMatch(service, image, loadConfig());
  if (!earlyMatch) throw new Error('the early match is off in this configuration (MATCH_EARLY_MARGIN, MATCH_TEMPLATE)');
  const total: number[] = [];
  const models: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    const timings: StageTimings = {};
    const start = performance.now();
    const template = await service.extractTemplate(image, 'largest', { earlyMatch, timings });
    const ms = performance.now() - start;
    if (template.mirrorPass) throw new Error('the photo did not decide early against its own template');
    if (i < 5) continue;
    total.push(ms);
    models.push((timings.detectModel ?? 0) + (timings.landmarksModel ?? 0) + (timings.embedModel ?? 0));
  }
  return { total: stat(total), models: stat(models), overhead: stat(total.map((t, i) => t - models[i])) };
}

async function kernelsReport(service: Awaited<ReturnType<typeof startService>>['service'], image: Buffer) {
  console.log('\npixel kernels on the portrait, 8 alternating rounds of 20 runs per path and kernel ...');
  const report = await compareKernels(service, image);
  console.log('| path | native ms | javascript ms | native / javascript (median of rounds) | around the models: native ms | javascript ms | ratio |\n|---|---|---|---|---|---|---|');
  for (const [path, r] of Object.entries(report)) {
    console.log(`| ${path} | ${r.native_ms} | ${r.javascript_ms} | ${r.total_ratio} (${r.total_ratio_by_round.join(', ')}) | ${r.native_overhead_ms} | ${r.javascript_overhead_ms} | ${r.overhead_ratio} |`);
  }
  return report;
}

async function batchReport(dir: string) {
  const report: Record<string, unknown> = {};
  console.log('\n| model | batch | ms per image | per image / batch 1 |\n|---|---|---|---|');
  for (const file of [MODEL_FILES.detect, MODEL_FILES.landmark]) {
    const rows = await timeBatches(dir, file, [1, 2, 4, 8], 30);
    report[file] = rows;
    for (const row of rows) {
      const ratio = row.ms_per_image === null || rows[0].ms_per_image === null ? '' : (row.ms_per_image / rows[0].ms_per_image).toFixed(3);
      console.log(`| ${file} | ${row.batch} | ${row.ms_per_image ?? row.error} | ${ratio} |`);
    }
  }
  return report;
}

/**
 * Our verify path (decode to template, no anti-spoof) and the face-api peer on each photo, in 5 alternating
 * rounds of 5 runs each (3 warm-up runs of both first): per round the ratio of the medians, then their median.
 */
async function peerComparison(service: Awaited<ReturnType<typeof startService>>['service'], photos: Array<[string, string, Buffer]>) {
  console.log('\nloading the face-api peer ...');
  const peer = await startPeer();
  const rounds = 5;
  const runs = 5;
  const results: Record<string, unknown> = {};
  console.log(`peer ${JSON.stringify(peer.versions)}\n| photo | ours ms (median) | face-api ms (median) | face-api model ms | peer / ours (median of rounds) |\n|---|---|---|---|---|`);
  for (const [name, , image] of photos) {
    const ours = async () => {
      const start = performance.now();
      await service.extractTemplate(image, 'largest');
      return performance.now() - start;
    };
    for (let i = 0; i < 3; i++) {
      await ours();
      await peer.run(image);
    }
    const [oursAll, peerAll, peerModel, ratios] = [[] as number[], [] as number[], [] as number[], [] as number[]];
    let found = true;
    for (let r = 0; r < rounds; r++) {
      const [a, b] = [[] as number[], [] as number[]];
      for (let i = 0; i < runs; i++) a.push(await ours());
      for (let i = 0; i < runs; i++) {
        const t = await peer.run(image);
        found &&= t.found;
        b.push(t.total_ms);
        peerModel.push(t.model_ms);
      }
      oursAll.push(...a);
      peerAll.push(...b);
      ratios.push(quantile(b, 0.5) / quantile(a, 0.5));
    }
    const row = { ours_ms: +quantile(oursAll, 0.5).toFixed(2), peer_ms: +quantile(peerAll, 0.5).toFixed(2), peer_model_ms: +quantile(peerModel, 0.5).toFixed(2), ratio: +quantile(ratios, 0.5).toFixed(2), round_ratios: ratios.map((x) => +x.toFixed(2)), peer_found_face: found };
    results[name] = row;
    console.log(`| ${name} | ${row.ours_ms} | ${row.peer_ms} | ${row.peer_model_ms} | ${row.ratio}x |${found ? '' : ' (face-api found no face)'}`);
  }
  return { versions: peer.versions, rounds, runs_per_round: runs, photos: results };
}

/** Peak (best median rate of the peak graphs), each model's floor and efficiency, and the verify path's. */
function floorReport(peaks: PeakSample[], models: Awaited<ReturnType<typeof timeModels>>, images: Record<string, any>) {
  const peak = Math.max(...peaks.map((p) => p.gmac_per_s));
  const floorMs = (macs: number, gmacs = peak) => macs / gmacs / 1e6;
  const share = (value: number) => +value.toFixed(3);
  const perModel = models.map((m) => ({
    ...m,
    floor_ms: +floorMs(m.macs).toFixed(3),
    efficiency: share(floorMs(m.macs) / m.median_ms),
    efficiency_local_peak: share(floorMs(m.macs, m.local_peak_gmac_per_s) / m.median_ms),
  }));
  const macsOf = (file: string) => models.find((m) => m.file === file)!.macs;
  // The verify path: detector once (the first frame finds the face), landmarks 3 times (a second pass on the
  // re-centred crop, a third on its mirror for the plausibility check), recogniser twice (flip). The recogniser
  // counts as shipped: the loaded copy's extra 1x1 depthwise Convs do the PRelus' work, not more of the function.
  const pathMacs = macsOf(MODEL_FILES.detect) + 3 * macsOf(MODEL_FILES.landmark) + 2 * macsOf(RECOGNISER_AS_SHIPPED);
  // A clear match (the early path): no mirror passes.
  const earlyMacs = macsOf(MODEL_FILES.detect) + 2 * macsOf(MODEL_FILES.landmark) + macsOf(RECOGNISER_AS_SHIPPED);
  const paths = Object.fromEntries(
    Object.entries(images).map(([name, image]) => {
      const stages = image.stages_ms;
      const local = floorMs(pathMacs, image.local_peak_gmac_per_s);
      return [name, {
        local_peak_gmac_per_s: image.local_peak_gmac_per_s,
        model_ms_median: stages.models_without_liveness.median,
        whole_ms_median: stages.total_without_liveness.median,
        models_efficiency: share(floorMs(pathMacs) / stages.models_without_liveness.median),
        whole_efficiency: share(floorMs(pathMacs) / stages.total_without_liveness.median),
        models_efficiency_local_peak: share(local / stages.models_without_liveness.median),
        whole_efficiency_local_peak: share(local / stages.total_without_liveness.median),
        early_models_efficiency: share(floorMs(earlyMacs) / image.early_path_ms.models.median),
        early_models_efficiency_local_peak: share(floorMs(earlyMacs, image.local_peak_gmac_per_s) / image.early_path_ms.models.median),
      }];
    }),
  );
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  console.log(`\npeak (one thread): ${peaks.map((p) => `${p.graph} ${p.gmac_per_s} GMAC/s`).join(', ')}; best ${peak} GMAC/s`);
  console.log('| model | MMAC | median ms alone | GMAC/s | local peak GMAC/s | efficiency (local peak) | floor ms (best peak) | efficiency (best peak) |\n|---|---|---|---|---|---|---|---|');
  for (const m of perModel) console.log(`| ${m.file} | ${(m.macs / 1e6).toFixed(1)} | ${m.median_ms} | ${m.gmac_per_s} | ${m.local_peak_gmac_per_s} | ${pct(m.efficiency_local_peak)} | ${m.floor_ms} | ${pct(m.efficiency)} |`);
  const pathFloor = +floorMs(pathMacs).toFixed(3);
  console.log(`verify path: ${(pathMacs / 1e6).toFixed(1)} MMAC, floor ${pathFloor} ms at the best peak`);
  for (const [name, p] of Object.entries(paths)) {
    console.log(`  ${name}: model time ${p.model_ms_median} ms, efficiency ${pct(p.models_efficiency_local_peak)} at the local peak ${p.local_peak_gmac_per_s} GMAC/s (${pct(p.models_efficiency)} at the best); whole path ${p.whole_ms_median} ms, ${pct(p.whole_efficiency_local_peak)} (${pct(p.whole_efficiency)})`);
    console.log(`    early path (${(earlyMacs / 1e6).toFixed(1)} MMAC): model efficiency ${pct(p.early_models_efficiency_local_peak)} at the local peak (${pct(p.early_models_efficiency)} at the best)`);
  }
  return { peak_gmac_per_s: peak, peak_samples: peaks, models: perModel, verify_path: { macs: pathMacs, early_macs: earlyMacs, floor_ms: pathFloor, images: paths } };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
