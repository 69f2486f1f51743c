import { onnx } from 'onnx-proto';
import { convModel, countMacs, matMulModel } from './model-cost';

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const INT = onnx.AttributeProto.AttributeType.INT;
const info = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const weight = (name: string, dims: number[]) =>
  onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.5).buffer) });

/**
 * x [1, 4, 8, 8] -> grouped Conv (2 groups, 3x3, stride 2, pad 1) to [1, 6, 4, 4] -> Relu -> Flatten [1, 96]
 * -> Gemm with a [10, 96] weight (transB) -> [1, 10]. By hand: Conv 6*4*4 outputs x (4/2)*3*3 = 1,728 MACs,
 * Gemm 10 outputs x 96 = 960 MACs, 2,688 in all; no shape of the intermediate tensors is declared in the graph.
 */
function smallGraph(): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'small',
    node: [
      {
        opType: 'Conv', input: ['x', 'cw', 'cb'], output: ['c'], name: 'conv',
        attribute: [
          { name: 'group', type: INT, i: 2 },
          { name: 'kernel_shape', type: INTS, ints: [3, 3] },
          { name: 'pads', type: INTS, ints: [1, 1, 1, 1] },
          { name: 'strides', type: INTS, ints: [2, 2] },
        ],
      },
      { opType: 'Relu', input: ['c'], output: ['r'], name: 'relu' },
      { opType: 'Flatten', input: ['r'], output: ['f'], name: 'flatten' },
      { opType: 'Gemm', input: ['f', 'gw', 'gb'], output: ['y'], name: 'gemm', attribute: [{ name: 'transB', type: INT, i: 1 }] },
    ],
    initializer: [weight('cw', [6, 2, 3, 3]), weight('cb', [6]), weight('gw', [10, 96]), weight('gb', [10])],
    input: [info('x', [1, 4, 8, 8])],
    output: [info('y', [1, 10])],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph })).finish();
}

describe('countMacs', () => {
  it('counts a grouped strided Conv and a Gemm of a small graph by their real output shapes (2,688 MACs)', async () => {
    const cost = await countMacs(smallGraph());
    expect(cost.byOp).toEqual({ Conv: 1728, Gemm: 960 });
    expect(cost.macs).toBe(2688);
    expect(cost.inputs).toEqual({ x: [1, 4, 8, 8] });
  });

  it('agrees with the stated counts of the peak graphs the benchmark builds', async () => {
    for (const built of [convModel(3, 8, 10, 12, 2), matMulModel(4, 8, 16)]) expect((await countMacs(built.bytes)).macs).toBe(built.macs);
    expect(convModel(3, 8, 10, 12, 2).macs).toBe(5 * 6 * 8 * 3 * 9);
  });
});
