// The floor a model's time is measured against: its multiply-accumulates (read from the graph) divided by the
// core's achievable peak, measured in the same run on graphs built in memory (a large MatMul and a 3x3 Conv)
// through onnxruntime on one thread. On a shared machine the peak moves with the load, so each measurement is
// also bracketed by a short peak measurement (the Conv graph) right before and after it: its local peak.
import { ModelRunner, ModelRunOptions } from '@faceauth/inference';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convModel, countMacs, matMulModel, withDynamicBatch } from './model-cost';

export interface PeakSample {
  graph: string;
  macs: number;
  median_ms: number;
  gmac_per_s: number;
}

export interface ModelTiming {
  file: string;
  macs: number;
  by_op: Record<string, number>;
  median_ms: number;
  min_ms: number;
  gmac_per_s: number;
  /** The model's input shapes (read off the graph with its MAC count). */
  inputs: Record<string, number[]>;
  /** Mean of the Conv peak measured right before and right after this model's runs. */
  local_peak_gmac_per_s: number;
}

/** The Conv graph's GMAC/s now (20 runs): the local peak around a measurement. */
export async function localPeak(): Promise<number> {
  return (await measurePeak(20, {}, 'conv'))[0].gmac_per_s;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const gmacs = (macs: number, ms: number) => +(macs / ms / 1e6).toFixed(2);

/** GMAC/s of each peak graph: median of `iterations` warm runs, one thread. */
export async function measurePeak(iterations: number, options: ModelRunOptions = {}, which: 'both' | 'conv' = 'both'): Promise<PeakSample[]> {
  const graphs = { 'MatMul 1024x1024x1024': matMulModel(1024, 1024, 1024), 'Conv 3x3 128->128 at 56x56': convModel(128, 128, 56, 56) };
  const samples: PeakSample[] = [];
  for (const [graph, built] of Object.entries(graphs)) {
    if (which === 'conv' && !graph.startsWith('Conv')) continue;
    const runner = await ModelRunner.open(built.bytes, built.inputs, options);
    await runner.time(3);
    const ms = median(await runner.time(iterations));
    await runner.release();
    samples.push({ graph, macs: built.macs, median_ms: +ms.toFixed(3), gmac_per_s: gmacs(built.macs, ms) });
  }
  return samples;
}

/** Each model of the engine alone (zero input of its own size, warm), with its MAC count. */
export async function timeModels(dir: string, files: string[], iterations: number, options: ModelRunOptions = {}): Promise<ModelTiming[]> {
  const timings: ModelTiming[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    const cost = await countMacs(bytes);
    const runner = await ModelRunner.open(bytes, cost.inputs, options);
    await runner.time(5);
    const before = await localPeak();
    const times = await runner.time(iterations);
    const after = await localPeak();
    await runner.release();
    const ms = median(times);
    timings.push({ file, macs: cost.macs, by_op: cost.byOp, inputs: cost.inputs, median_ms: +ms.toFixed(3), min_ms: +Math.min(...times).toFixed(3), gmac_per_s: gmacs(cost.macs, ms), local_peak_gmac_per_s: +((before + after) / 2).toFixed(2) });
  }
  return timings;
}

/**
 * Models of the same input timed in alternating rounds (each round: `perRound` runs of each, in turn), so that
 * a machine whose speed moves between blocks weighs on all of them alike: each model's median over the rounds
 * of its round medians, and per round each model's time over the first model's.
 */
export async function alternateModels(
  dir: string, models: Array<Pick<ModelTiming, 'file' | 'inputs'>>, rounds: number, perRound: number,
): Promise<Array<{ file: string; median_ms: number; over_first_by_round: number[]; over_first: number }>> {
  const runners = [];
  for (const { file, inputs } of models) {
    const runner = await ModelRunner.open(readFileSync(join(dir, file)), inputs);
    await runner.time(5);
    runners.push(runner);
  }
  const byRound: number[][] = models.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < runners.length; i++) byRound[i].push(median(await runners[i].time(perRound)));
  }
  for (const runner of runners) await runner.release();
  return models.map(({ file }, i) => {
    const ratios = byRound[i].map((ms, round) => +(ms / byRound[0][round]).toFixed(3));
    return { file, median_ms: +median(byRound[i]).toFixed(3), over_first_by_round: ratios, over_first: +median(ratios).toFixed(3) };
  });
}

/** Per-image ms of a model run on batches of each size (symbolic batch dimension), or the error a size met. */
export async function timeBatches(dir: string, file: string, sizes: number[], iterations: number, options: ModelRunOptions = {}): Promise<Array<{ batch: number; ms_per_image: number | null; error?: string }>> {
  const bytes = readFileSync(join(dir, file));
  const { inputs } = await countMacs(bytes);
  const dynamic = withDynamicBatch(bytes);
  const rows: Array<{ batch: number; ms_per_image: number | null; error?: string }> = [];
  for (const batch of sizes) {
    const shapes = Object.fromEntries(Object.entries(inputs).map(([name, dims]) => [name, [batch, ...dims.slice(1)]]));
    try {
      const runner = await ModelRunner.open(dynamic, shapes, options);
      await runner.time(3);
      const ms = median(await runner.time(iterations));
      await runner.release();
      rows.push({ batch, ms_per_image: +(ms / batch).toFixed(3) });
    } catch (error) {
      rows.push({ batch, ms_per_image: null, error: String(error.message).split('\n')[0] });
    }
  }
  return rows;
}
