import { ModelRunner } from '@faceauth/inference';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { activationTensors, exposeTensors, opCounts, quantizeModel, Ranges } from './quantize-graph';

const DT = onnx.TensorProto.DataType;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const info = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const weight = (name: string, dims: number[], seed: number) => {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).map((_, i) => Math.sin(seed + i * 1.7) * 0.5);
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(data.buffer) });
};
const INPUT = [1, 2, 6, 6];

/**
 * x -> Conv 3x3 (2 -> 3) -> Relu -> r; r -> Conv 1x1 -> c; s = r + c; s -> Conv 1x1 -> y. Opset 9, as the face
 * models. The last Conv writes the graph's output, which stays float: that Conv is not fused.
 */
function tinyGraph(): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'tiny',
    node: [
      { opType: 'Conv', input: ['x', 'w1', 'b1'], output: ['c1'], name: 'conv1', attribute: [{ name: 'pads', type: INTS, ints: [1, 1, 1, 1] }] },
      { opType: 'Relu', input: ['c1'], output: ['r'], name: 'relu' },
      { opType: 'Conv', input: ['r', 'w2', 'b2'], output: ['c'], name: 'conv2' },
      { opType: 'Add', input: ['r', 'c'], output: ['s'], name: 'add' },
      { opType: 'Conv', input: ['s', 'w3'], output: ['y'], name: 'conv3' },
    ],
    initializer: [weight('w1', [3, 2, 3, 3], 1), weight('b1', [3], 2), weight('w2', [3, 3, 1, 1], 3), weight('b2', [3], 4), weight('w3', [3, 3, 1, 1], 5)],
    input: [info('x', INPUT)],
    output: [info('y', [1, 3, 6, 6])],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 4, opsetImport: [{ domain: '', version: 9 }], graph })).finish();
}

const sample = (seed: number) => new Float32Array(INPUT.reduce((a, b) => a * b, 1)).map((_, i) => Math.cos(seed * 3.1 + i * 0.37));

async function calibrated(bytes: Uint8Array): Promise<Ranges> {
  const names = activationTensors(onnx.ModelProto.decode(bytes));
  const runner = await ModelRunner.open(exposeTensors(bytes, names.filter((n) => n !== 'x')), { x: INPUT });
  const ranges: Ranges = {};
  for (const seed of [1, 2, 3]) {
    const out = await runner.run({ x: sample(seed) });
    for (const name of names) {
      const values = name === 'x' ? sample(seed) : out[name].data;
      const r = (ranges[name] ??= [Infinity, -Infinity]);
      r[0] = Math.min(r[0], ...values);
      r[1] = Math.max(r[1], ...values);
    }
  }
  await runner.release();
  return ranges;
}

describe('quantizeModel', () => {
  it('quantizes what Conv and Add read and write, a Conv read only by a Relu after the Relu, not the graph output', () => {
    expect(activationTensors(onnx.ModelProto.decode(tinyGraph()))).toEqual(['x', 'r', 'c', 's']);
  });

  it('writes int8 per-channel weights and int32 biases behind DequantizeLinear, at opset 13', async () => {
    const model = onnx.ModelProto.decode(quantizeModel(tinyGraph(), await calibrated(tinyGraph())));
    expect(model.opsetImport.map((o) => Number(o.version))).toEqual([13]);
    const types = Object.fromEntries(model.graph!.initializer!.map((t) => [t.name, t.dataType]));
    expect(types).toMatchObject({ 'w1/quantized': DT.INT8, 'w2/quantized': DT.INT8, 'b1/quantized': DT.INT32, 'x/zero_point': DT.UINT8 });
    expect(types).not.toHaveProperty('w1');
    expect(opCounts(quantizeModel(tinyGraph(), await calibrated(tinyGraph())))).toEqual({ QuantizeLinear: 4, DequantizeLinear: 9, Conv: 3, Relu: 1, Add: 1 });
  });

  it('runs as fused int8 kernels in onnxruntime, within a few quantization steps of the float model', async () => {
    const float = tinyGraph();
    const ranges = await calibrated(float);
    const dumped = join(tmpdir(), `faceauth-quantize-spec-${process.pid}.onnx`);
    const [a, b] = await Promise.all([ModelRunner.open(float, { x: INPUT }), ModelRunner.open(quantizeModel(float, ranges), { x: INPUT }, { optimizedModelFilePath: dumped })]);
    const fused = opCounts(readFileSync(dumped));
    rmSync(dumped);
    expect(fused).toMatchObject({ QLinearConv: 2, QLinearAdd: 1, Conv: 1 });
    expect(fused).not.toHaveProperty('Relu');
    const x = sample(2);
    const [want, got] = [(await a.run({ x })).y.data, (await b.run({ x })).y.data];
    const step = (Math.max(0, ...want) - Math.min(0, ...want)) / 255;
    const worst = Math.max(...want.map((v, i) => Math.abs(v - got[i])));
    expect(worst).toBeLessThan(4 * step);
    await Promise.all([a.release(), b.release()]);
  });
});
