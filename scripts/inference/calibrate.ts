// npm run calibrate [-- --data DIR]
// Fits the two calibration constants on all development pairs and writes config/calibration.json,
// docs/accuracy.md (+ docs/accuracy-histogram.png) and docs/accuracy.json:
//   distanceScale: the contract's threshold 0.42 sits at FAR 1e-4 of the pooled impostor pairs
//                  (every cross-identity pair within each identity set);
//   logistic {a, b}: 100 x P(same | distance), weighted logistic regression with equal priors.
import { projectRoot } from '@faceauth/config';
import { fitLogistic, InferenceService, sortedAscending, thresholdAtFar } from '@faceauth/inference';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, startService } from './lib/cli';
import { evaluate, EvalResult, PairDistances, ratesAtRule, Rule, ruleOf } from './lib/evaluate';
import { histogramPng } from './lib/histogram';
import { accuracyMarkdown, protocolBlock } from './lib/accuracy-doc';

const TARGET_FAR = 1e-4;

function pooled(pairs: Record<string, PairDistances>): PairDistances {
  const all = Object.values(pairs);
  return {
    genuine: sortedAscending(all.flatMap((p) => Array.from(p.genuine))),
    impostor: sortedAscending(concat(all.map((p) => p.impostor))),
  };
}

function concat(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** The live score of each image of spoof_samples/<label>/ (informational, for the report). */
async function livenessSamples(service: InferenceService, dataDir: string) {
  const dir = join(dataDir, 'spoof_samples');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((label) => statSync(join(dir, label)).isDirectory())
    .flatMap((label) => readdirSync(join(dir, label)).map((file) => ({ label, file: `${label}/${file}` })));
  const out = [];
  for (const { label, file } of files) {
    const template = await service.extractTemplate(readFileSync(join(dir, file)), 'largest', { liveness: true }).catch(() => null);
    out.push({ file, label, score: template?.liveness ?? null });
  }
  return out;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const args = parseArgs({ options: { data: { type: 'string' }, parallel: { type: 'string' } } }).values;
  const dataDir = args.data ?? defaultDataDir();
  const { service, config } = await startService({}, true);
  const started = Date.now();
  const result: EvalResult = await evaluate(service, ruleOf(config), { dataDir, parallel: Number(args.parallel ?? 2), log: (l) => console.error(l) });
  const seconds = (Date.now() - started) / 1000;
  const liveness = await livenessSamples(service, dataDir);
  await service.onModuleDestroy();

  const pool = pooled(result.pairs);
  const rawAtFar = thresholdAtFar(pool.impostor, TARGET_FAR);
  if (rawAtFar === null) throw new Error('too few impostor pairs to calibrate at FAR 1e-4');
  const threshold = config.match.distanceThreshold;
  // Rounded up: a larger scale makes every distance larger, so FAR at the threshold stays <= the target.
  const distanceScale = Math.ceil((threshold / rawAtFar) * 1e4) / 1e4;
  const fit = fitLogistic(
    Array.from(pool.genuine, (d) => d * distanceScale),
    Array.from(pool.impostor, (d) => d * distanceScale),
  );
  const logistic = { a: round(fit.a, 4), b: round(fit.b, 4) };
  const rule: Rule = { ...ruleOf(config), calibration: { distanceScale, logistic } };
  for (const [name, pairs] of Object.entries(result.pairs)) Object.assign(result.datasets[name], ratesAtRule(pairs, rule));

  const root = projectRoot();
  const previous = JSON.parse(readFileSync(join(root, 'config', 'calibration.json'), 'utf8'));
  const calibration = {
    note: `Pair fit written by npm run calibrate on ${new Date().toISOString().slice(0, 10)}; the template fit (N-sample decision of /verify) by npm run eval:protocol -- --fit; see docs/accuracy.md.`,
    distanceScale,
    logistic,
    template: previous.template,
  };
  writeFileSync(join(root, 'config', 'calibration.json'), JSON.stringify(calibration, null, 2) + '\n');
  const png = await histogramPng(
    [
      { label: `genuine pairs (${pool.genuine.length})`, colour: '#1b9e3e', values: pool.genuine.map((d) => d * distanceScale) },
      { label: `impostor pairs (${pool.impostor.length})`, colour: '#d62728', values: pool.impostor.map((d) => d * distanceScale) },
    ],
    { min: 0, max: 1.2, bins: 120, marker: threshold, title: 'Calibrated distance, pooled development pairs', xLabel: 'distance = distanceScale x (1 - cos)' },
  );
  writeFileSync(join(root, 'docs', 'accuracy-histogram.png'), png);
  writeFileSync(join(root, 'docs', 'accuracy.json'), JSON.stringify({ datasets: result.datasets, noface: result.noface }, null, 2) + '\n');
  writeFileSync(
    join(root, 'docs', 'accuracy.md'),
    accuracyMarkdown({ result, pool, rawAtFar, distanceScale, logistic, rule, seconds, dataDir: 'shared/datasets', liveness, protocol: protocolBlock(readFileSync(join(root, 'docs', 'accuracy.md'), 'utf8')) }),
  );
  console.log(JSON.stringify(calibration, null, 2));
  console.log('pooled FAR at rule', ratesAtRule(pool, rule));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
