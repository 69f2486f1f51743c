// int8 static quantization (QDQ) of the recogniser and the detector: measured, not shipped (docs/performance.md,
// "int8 quantization"; models/README.md).
//   npm run models:calibrate [-- --data DIR] [-- --percentile P]
//       activation ranges -> models/int8-calibration.json: over the engine's real model inputs
//       (lib/calibration-inputs.ts) of bbt_faceapi, group_photos, spoof_samples and noface, none of them in the
//       LFW or CelebA sets accuracy is measured on; each tensor's range is the extremes, over the inputs, of each
//       run's P-th percentile (99.99 by default: it measured better than 100, plain min/max, and than 99.9)
//   npm run models:quantize [-- --only recogniser,detector] [-- --full-range] [-- --check]
//       QDQ models -> models/<model>.int8.onnx, from the fp32 files and that JSON (deterministic: same bytes,
//       same SHA-256, printed). Weights are 7-bit unless --full-range: this machine's AVX2 u8 x s8 kernel
//       saturates with 8-bit ones. --check times each against its fp32 model (one thread, optimisation 'all',
//       alternating rounds), lists the kernels onnxruntime fused (its optimised graph, dumped to the temp dir),
//       and gives the cosine between the fp32 and int8 outputs on the calibration inputs, with the int8 kernels
//       and with the QDQ graph computed in float (the rounding error alone).
import 'reflect-metadata';
import { ModelRunner } from '@faceauth/inference';
import { projectRoot } from '@faceauth/config';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calibrationInputs, DETECTOR_INPUT, imagesUnder, RECOGNISER_INPUT } from './lib/calibration-inputs';
import { defaultDataDir, startService } from './lib/cli';
import { activationTensors, exposeTensors, opCounts, quantizeModel, Ranges } from './lib/quantize-graph';
import { onnx } from 'onnx-proto';

const CALIBRATION_SETS = ['bbt_faceapi', 'group_photos', 'spoof_samples', 'noface'];
const MODELS = {
  recogniser: { file: 'fr_feature.denormal-free.onnx', int8: 'fr_feature.int8.onnx', input: RECOGNISER_INPUT },
  detector: { file: 'fr_detect.onnx', int8: 'fr_detect.int8.onnx', input: DETECTOR_INPUT },
} as const;
type Which = keyof typeof MODELS;

const modelsDir = () => join(projectRoot(), 'models');
const calibrationFile = () => join(modelsDir(), 'int8-calibration.json');

/** Each tensor's range: the extremes over `inputs` of each run's `percentile`-th percentile (100: min and max). */
async function gatherRanges(bytes: Uint8Array, dims: readonly number[], inputs: Float32Array[], percentile: number): Promise<Ranges> {
  const names = activationTensors(onnx.ModelProto.decode(bytes));
  const runner = await ModelRunner.open(exposeTensors(bytes, names.filter((n) => n !== 'input')), { input: dims }, { graphOptimizationLevel: 'disabled' });
  const ranges: Ranges = {};
  for (const data of inputs) {
    const out = await runner.run({ input: data });
    for (const name of names) {
      const values = name === 'input' ? data : out[name].data;
      const [lo, hi] = percentile < 100 ? percentileRange(values, percentile) : minMax(values);
      const r = (ranges[name] ??= [lo, hi]);
      r[0] = Math.min(r[0], lo);
      r[1] = Math.max(r[1], hi);
    }
  }
  await runner.release();
  return ranges;
}

function minMax(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function percentileRange(values: Float32Array, p: number): [number, number] {
  const sorted = Float32Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  return [at(1 - p / 100), at(p / 100)];
}

async function calibrate(dataDir: string, percentile: number): Promise<void> {
  const inputs = await photoInputs(dataDir);
  const file: Record<string, unknown> = {
    about: `activation ranges for npm run models:quantize: ${percentile < 100 ? `${percentile}th percentile` : 'min/max'} over ${inputs.photos} photos of ${CALIBRATION_SETS.join(', ')}`,
  };
  for (const [which, samples] of [['recogniser', inputs.recogniser], ['detector', inputs.detector]] as const) {
    const model = MODELS[which];
    file[which] = { model: model.file, samples: samples.length, ranges: await gatherRanges(readFileSync(join(modelsDir(), model.file)), model.input, samples, percentile) };
    console.log(`${which}: ${samples.length} inputs`);
  }
  writeFileSync(calibrationFile(), JSON.stringify(file, null, 1) + '\n');
  console.log(`written to ${calibrationFile()}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function cosine(a: Float32Array, b: Float32Array): number {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [ab, aa, bb] = [ab + a[i] * b[i], aa + a[i] * a[i], bb + b[i] * b[i]];
  return ab / Math.sqrt(aa * bb);
}

/** Times int8 against fp32, counts the fused kernels, and compares the two models' first output on `samples`. */
async function check(which: Which, samples: Float32Array[]): Promise<void> {
  const model = MODELS[which];
  const dumped = join(tmpdir(), `faceauth-${model.int8}.optimized.onnx`);
  const fp32 = await ModelRunner.open(readFileSync(join(modelsDir(), model.file)), { input: model.input });
  const int8 = await ModelRunner.open(readFileSync(join(modelsDir(), model.int8)), { input: model.input }, { optimizedModelFilePath: dumped });
  const fused = opCounts(readFileSync(dumped));
  const times = { fp32: [] as number[], int8: [] as number[] };
  // Alternating rounds, the median of each: a shared machine slows both alike.
  for (let round = 0; round < 11; round++) {
    times.fp32.push(median(await fp32.time(20)));
    times.int8.push(median(await int8.time(20)));
  }
  // Unoptimised, the QDQ graph computes in float what the int8 kernels should: the rounding error alone.
  const reference = await ModelRunner.open(readFileSync(join(modelsDir(), model.int8)), { input: model.input }, { graphOptimizationLevel: 'disabled' });
  const cosines = { kernels: [] as number[], rounding: [] as number[] };
  for (const input of samples) {
    const first = async (runner: ModelRunner) => Object.values(await runner.run({ input }))[0].data;
    const want = await first(fp32);
    cosines.kernels.push(cosine(want, await first(int8)));
    cosines.rounding.push(cosine(want, await first(reference)));
  }
  await Promise.all([fp32.release(), int8.release(), reference.release()]);
  const ratios = times.fp32.map((t, i) => t / times.int8[i]);
  const ms = (values: number[]) => `${median(values).toFixed(2)} ms (best round ${Math.min(...values).toFixed(2)})`;
  console.log(`${which}: fp32 ${ms(times.fp32)}, int8 ${ms(times.int8)}: ${median(ratios).toFixed(2)}x faster (median of rounds)`);
  const summary = (values: number[]) => `mean ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(5)}, min ${Math.min(...values).toFixed(5)}`;
  console.log(`  first output against fp32 on the ${samples.length} calibration inputs, cosine: int8 kernels ${summary(cosines.kernels)}; QDQ in float ${summary(cosines.rounding)}`);
  console.log(`  optimised int8 graph: ${JSON.stringify(fused)}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { data: { type: 'string' }, percentile: { type: 'string' }, 'full-range': { type: 'boolean' }, check: { type: 'boolean' }, only: { type: 'string' } },
  });
  const dataDir = values.data ?? defaultDataDir();
  const which = (values.only?.split(',') ?? Object.keys(MODELS)) as Which[];
  if (positionals[0] === 'calibrate') return calibrate(dataDir, Number(values.percentile ?? 99.99));
  const calibration = JSON.parse(readFileSync(calibrationFile(), 'utf8'));
  for (const name of which) {
    const model = MODELS[name];
    const bytes = quantizeModel(readFileSync(join(modelsDir(), model.file)), calibration[name].ranges, { reduceRange: !values['full-range'] });
    writeFileSync(join(modelsDir(), model.int8), bytes);
    console.log(`${model.int8}: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
  }
  if (!values.check) return;
  const inputs = await photoInputs(dataDir);
  for (const name of which) await check(name, name === 'recogniser' ? inputs.recogniser : inputs.detector);
}

async function photoInputs(dataDir: string) {
  const { service, config } = await startService({}, true);
  const inputs = await calibrationInputs(service, imagesUnder(CALIBRATION_SETS.map((name) => join(dataDir, name))), config.uploads.maxPixels);
  await service.onModuleDestroy();
  return inputs;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
