import { onnx } from 'onnx-proto';

// The models script is plain Node (it runs at postinstall, before any build).
const { flushTinyWeights } = require('../../../models/flush-tiny-weights') as { flushTinyWeights: (model: Uint8Array) => { data: Buffer; flushed: number } };

const DT = onnx.TensorProto.DataType;
const DENORMAL = 1e-40;
// Each value as float32: 1e-20 itself rounds to just below 1e-20, so the first kept value is 1.1e-20.
const WEIGHTS = [0, -0, DENORMAL, -DENORMAL, 1.2e-38, -3e-30, 9e-21, 1.1e-20, -1e-12, 1e-7, 0.5, -2];
const KEPT = [0, -0, 0, 0, 0, 0, 0, 1.1e-20, -1e-12, 1e-7, 0.5, -2];

const raw = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

function model(): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'weights',
    node: [
      { opType: 'Constant', output: ['c'], attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { name: 'c', dims: [12], dataType: DT.FLOAT, rawData: raw(WEIGHTS) } }] },
      { opType: 'Add', input: ['x', 'w_raw'], output: ['y'] },
    ],
    initializer: [
      { name: 'w_raw', dims: [12], dataType: DT.FLOAT, rawData: raw(WEIGHTS) },
      { name: 'w_packed', dims: [12], dataType: DT.FLOAT, floatData: WEIGHTS },
      // The same bytes as an int32 tensor are not floats and must stay as they are.
      { name: 'ints', dims: [12], dataType: DT.INT32, rawData: raw(WEIGHTS) },
    ],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 4, opsetImport: [{ domain: '', version: 9 }], graph })).finish();
}

const floats = (bytes: Uint8Array) => Array.from(new Float32Array(Uint8Array.from(bytes).buffer));

describe('flushTinyWeights', () => {
  it('zeroes every float weight below 1e-20 in magnitude, in raw and packed tensors and Constant attributes, and nothing else', () => {
    const { data, flushed } = flushTinyWeights(model());
    expect(flushed).toBe(3 * 5);
    const graph = onnx.ModelProto.decode(data).graph!;
    const byName = Object.fromEntries(graph.initializer!.map((t) => [t.name, t]));
    const expected = Array.from(Float32Array.from(KEPT));
    expect(floats(byName.w_raw.rawData)).toEqual(expected);
    expect(byName.w_packed.floatData).toEqual(expected);
    expect(floats(graph.node![0].attribute![0].t!.rawData!)).toEqual(expected);
    expect(Buffer.from(byName.ints.rawData)).toEqual(Buffer.from(raw(WEIGHTS)));
  });

  it('keeps the file the same size and is stable: a second pass flushes nothing', () => {
    const source = model();
    const { data } = flushTinyWeights(source);
    expect(data.length).toBe(source.length);
    expect(flushTinyWeights(data)).toEqual({ data, flushed: 0 });
  });
});
