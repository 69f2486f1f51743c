import { ModelRunner } from '@faceauth/inference';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';

// The models script is plain Node (it runs at postinstall, before any build).
const { preluAsConv } = require('../../../models/prelu-as-conv') as { preluAsConv: (model: Uint8Array) => { data: Buffer; rewritten: number } };

const DT = onnx.TensorProto.DataType;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const info = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const tensor = (name: string, dims: number[], values: number[]) => onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) });
const wave = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7) * 0.5);
const INPUT = [1, 3, 5, 5];

/**
 * x -> Conv 3x3 (3 -> 4) -> PRelu (slopes -0.7, 0, 0.25, 1.3: negative, zero, usual, above 1) -> Conv 1x1 -> y;
 * x -> PRelu (slopes [3,1,1], not after a Conv) -> z;  the first Conv -> PRelu with one shared slope [1] -> w.
 * Only the first PRelu is of the form the rewrite handles.
 */
function graphWithPRelus(slopeAsInput = false): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'prelus',
    node: [
      { opType: 'Conv', input: ['x', 'w1', 'b1'], output: ['c1'], name: 'conv1', attribute: [{ name: 'pads', type: INTS, ints: [1, 1, 1, 1] }] },
      { opType: 'PRelu', input: ['c1', 'slope'], output: ['p'], name: 'prelu' },
      { opType: 'Conv', input: ['p', 'w2'], output: ['y'], name: 'conv2' },
      { opType: 'PRelu', input: ['x', 'slope_in'], output: ['z'], name: 'prelu_on_input' },
      { opType: 'PRelu', input: ['c1', 'slope_one'], output: ['w'], name: 'prelu_shared' },
    ],
    initializer: [
      tensor('w1', [4, 3, 3, 3], wave(108, 1)), tensor('b1', [4], wave(4, 2)), tensor('w2', [2, 4, 1, 1], wave(8, 3)),
      tensor('slope', [4, 1, 1], [-0.7, 0, 0.25, 1.3]), tensor('slope_in', [3, 1, 1], [0.1, 0.2, 0.3]), tensor('slope_one', [1], [0.5]),
    ],
    // IR 3 graphs list their initializers among the inputs too.
    input: [info('x', INPUT), ...(slopeAsInput ? [info('slope', [4, 1, 1])] : [])],
    output: [info('y', [1, 2, 5, 5]), info('z', INPUT), info('w', [1, 4, 5, 5])],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 4, opsetImport: [{ domain: '', version: 9 }], graph })).finish();
}

async function outputs(model: Uint8Array, inputs: Record<string, readonly number[]>, feed: Record<string, Float32Array>, level: 'disabled' | 'all') {
  const runner = await ModelRunner.open(model, inputs, { graphOptimizationLevel: level });
  const out = await runner.run(feed);
  await runner.release();
  return out;
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);
const opTypes = (model: Uint8Array) => onnx.ModelProto.decode(model).graph!.node!.map((n) => n.opType);

describe('preluAsConv', () => {
  const model = graphWithPRelus();

  it('replaces a per-channel PRelu after a Conv by two depthwise 1x1 Convs, a Relu and an Add, and drops its slope', () => {
    const { data, rewritten } = preluAsConv(model);
    expect(rewritten).toBe(1);
    expect(opTypes(data)).toEqual(['Conv', 'Conv', 'Relu', 'Conv', 'Add', 'Conv', 'PRelu', 'PRelu']);
    const initializers = onnx.ModelProto.decode(data).graph!.initializer!.map((t) => t.name);
    expect(initializers).not.toContain('slope');
    expect(initializers).toEqual(expect.arrayContaining(['slope_in', 'slope_one', 'prelu_as_conv/0/negate', 'prelu_as_conv/0/keep']));
    // Rewriting the result changes nothing: byte-for-byte stable, as the pinned SHA-256 needs.
    expect(preluAsConv(data)).toEqual({ data, rewritten: 0 });
  });

  it('keeps a slope that the graph also lists as an input, so the rewritten model still loads', async () => {
    const listed = graphWithPRelus(true);
    const { data, rewritten } = preluAsConv(listed);
    expect(rewritten).toBe(1);
    expect(onnx.ModelProto.decode(data).graph!.initializer!.map((t) => t.name)).toContain('slope');
    const x = Float32Array.from(wave(75, 6));
    const [before, after] = [await outputs(listed, { x: INPUT }, { x }, 'all'), await outputs(data, { x: INPUT }, { x }, 'all')];
    expect(maxDifference(before.y.data, after.y.data)).toBeLessThan(1e-5);
  });

  it('computes the same function, with and without onnxruntime graph optimisation', async () => {
    const x = Float32Array.from(wave(75, 4).map((v) => v * 4));
    const { data } = preluAsConv(model);
    for (const level of ['disabled', 'all'] as const) {
      const before = await outputs(model, { x: INPUT }, { x }, level);
      const after = await outputs(data, { x: INPUT }, { x }, level);
      for (const name of ['y', 'z', 'w']) expect(maxDifference(before[name].data, after[name].data)).toBeLessThan(1e-5);
      // Both signs reach the PRelu, so both branches of it are compared.
      expect(before.w.data.some((v) => v < 0) && before.w.data.some((v) => v > 0)).toBe(true);
    }
  });

  it('turns the shipped recogniser into the pinned fr_feature.prelu-free.onnx, with the same embedding', async () => {
    const models = join(__dirname, '../../../models');
    const manifest = JSON.parse(readFileSync(join(models, 'manifest.json'), 'utf8')) as { derived: Array<{ name: string; from: string; sha256: string }> };
    const entry = manifest.derived.find((d) => d.name === 'fr_feature.prelu-free.onnx')!;
    const source = readFileSync(join(models, entry.from));
    const { data, rewritten } = preluAsConv(source);
    expect(rewritten).toBe(33);
    expect(opTypes(data)).not.toContain('PRelu');
    expect(createHash('sha256').update(data).digest('hex')).toBe(entry.sha256);
    const face = Float32Array.from(wave(3 * 112 * 112, 5));
    const inputs = { input: [1, 3, 112, 112] };
    const [before, after] = [await outputs(source, inputs, { input: face }, 'all'), await outputs(data, inputs, { input: face }, 'all')];
    const [a, b] = [before.output.data, after.output.data];
    expect(maxDifference(a, b)).toBeLessThan(1e-4);
  });
});
