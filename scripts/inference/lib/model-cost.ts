// Multiply-accumulate counts read from an ONNX graph, and the graphs the benchmark runs to measure the core's
// peak. Method: the graph is re-encoded (onnx-proto) with the input and output of every Conv, ConvTranspose,
// Gemm and MatMul node added as graph outputs, run once through onnxruntime on zero inputs of the model's own
// fixed input size, and each node's MACs follow from those real shapes and its weight's shape:
//   Conv           prod(output dims) x (C_in / group) x kH x kW     (weight [C_out, C_in/group, kH, kW])
//   ConvTranspose  prod(input dims) x (C_out / group) x kH x kW     (weight [C_in, C_out/group, kH, kW])
//   Gemm, MatMul   prod(output dims) x K                            (K: the shared dimension of A)
// Everything else (activations, pooling, additions, normalisation) is left out: a few per cent of the work at
// most, and not what the FMA units do.
import { ModelRunner } from '@faceauth/inference';
import { onnx } from 'onnx-proto';

const COUNTED = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);
const FLOAT = onnx.TensorProto.DataType.FLOAT;

export interface ModelCost {
  /** Total multiply-accumulates of one run. */
  macs: number;
  byOp: Record<string, number>;
  /** Fixed input shapes the count was taken at. */
  inputs: Record<string, number[]>;
  nodes: number;
}

const dimValue = (d: onnx.TensorShapeProto.IDimension): number => Number(d.dimValue ?? 0);

/** The graph's real inputs (not initializers) and their declared shapes; a symbolic dimension needs `overrides`. */
export function inputShapes(model: onnx.IModelProto, overrides: Record<string, number[]> = {}): Record<string, number[]> {
  const graph = model.graph!;
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const shapes: Record<string, number[]> = {};
  for (const input of graph.input ?? []) {
    if (initializers.has(input.name)) continue;
    const dims = overrides[input.name!] ?? (input.type?.tensorType?.shape?.dim ?? []).map(dimValue);
    if (dims.some((d) => !(d > 0))) throw new Error(`input ${input.name} has a symbolic dimension: give its shape`);
    shapes[input.name!] = dims;
  }
  return shapes;
}

/** MACs of one run of the ONNX model in `bytes`, at its declared input size (or `overrides`). */
export async function countMacs(bytes: Uint8Array, overrides: Record<string, number[]> = {}): Promise<ModelCost> {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const inputs = inputShapes(model, overrides);
  const weights = new Map((graph.initializer ?? []).map((t) => [t.name!, (t.dims ?? []).map(Number)]));
  const nodes = (graph.node ?? []).filter((n) => COUNTED.has(n.opType!));
  // Every tensor whose shape the count needs and the graph does not state: exposed as an output.
  const wanted = new Set<string>();
  for (const node of nodes) {
    for (const name of [node.input![0], node.input![1], node.output![0]]) if (!weights.has(name) && !(name in inputs)) wanted.add(name);
  }
  const existing = new Set((graph.output ?? []).map((o) => o.name));
  const probe = onnx.ModelProto.decode(bytes);
  for (const name of wanted) {
    if (!existing.has(name)) probe.graph!.output!.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT } } }));
  }
  const runner = await ModelRunner.open(onnx.ModelProto.encode(probe).finish(), inputs, { graphOptimizationLevel: 'disabled' });
  const shapes: Record<string, number[]> = { ...inputs, ...(await runner.outputShapes()) };
  await runner.release();
  const shapeOf = (name: string): number[] => {
    const dims = weights.get(name) ?? shapes[name];
    if (!dims) throw new Error(`no shape for tensor ${name}`);
    return dims;
  };
  const prod = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  const byOp: Record<string, number> = {};
  for (const node of nodes) {
    const [x, w] = [shapeOf(node.input![0]), shapeOf(node.input![1])];
    const out = shapeOf(node.output![0]);
    const attr = (name: string) => node.attribute?.find((a) => a.name === name)?.i;
    let macs: number;
    if (node.opType === 'Conv') macs = prod(out) * prod(w.slice(1));
    else if (node.opType === 'ConvTranspose') macs = prod(x) * prod(w.slice(1));
    else if (node.opType === 'Gemm') macs = prod(out) * (Number(attr('transA') ?? 0) ? x[0] : x[x.length - 1]);
    else macs = prod(out) * x[x.length - 1];
    byOp[node.opType!] = (byOp[node.opType!] ?? 0) + macs;
  }
  return { macs: Object.values(byOp).reduce((a, b) => a + b, 0), byOp, inputs, nodes: nodes.length };
}

const tensorInfo = (name: string, dims: number[]) =>
  onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });

/** Deterministic small weights (no denormals, no zeros). */
function weight(name: string, dims: number[]): onnx.TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = (((i * 2654435761) >>> 0) / 2 ** 32 - 0.5) * 0.1;
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer) });
}

function model(graph: onnx.IGraphProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'faceauth-bench', graph })).finish();
}

/** x [m, k] times a weight [k, n]: m*k*n MACs. */
export function matMulModel(m: number, k: number, n: number): { bytes: Uint8Array; inputs: Record<string, number[]>; macs: number } {
  const graph = onnx.GraphProto.create({
    name: 'matmul',
    node: [{ opType: 'MatMul', input: ['x', 'w'], output: ['y'], name: 'mm' }],
    initializer: [weight('w', [k, n])],
    input: [tensorInfo('x', [m, k])],
    output: [tensorInfo('y', [m, n])],
  });
  return { bytes: model(graph), inputs: { x: [m, k] }, macs: m * k * n };
}

/** A 3x3 convolution (pad 1, stride 1) of x [1, c, h, w] to `cout` channels: h*w*cout*c*9 MACs. */
export function convModel(c: number, cout: number, h: number, w: number, stride = 1): { bytes: Uint8Array; inputs: Record<string, number[]>; macs: number } {
  const ho = Math.floor((h + 2 - 3) / stride) + 1;
  const wo = Math.floor((w + 2 - 3) / stride) + 1;
  const graph = onnx.GraphProto.create({
    name: 'conv',
    node: [
      {
        opType: 'Conv',
        input: ['x', 'w'],
        output: ['y'],
        name: 'conv',
        attribute: [
          { name: 'kernel_shape', type: onnx.AttributeProto.AttributeType.INTS, ints: [3, 3] },
          { name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1, 1, 1] },
          { name: 'strides', type: onnx.AttributeProto.AttributeType.INTS, ints: [stride, stride] },
        ],
      },
    ],
    initializer: [weight('w', [cout, c, 3, 3])],
    input: [tensorInfo('x', [1, c, h, w])],
    output: [tensorInfo('y', [1, cout, ho, wo])],
  });
  return { bytes: model(graph), inputs: { x: [1, c, h, w] }, macs: ho * wo * cout * c * 9 };
}

/**
 * The model with a symbolic batch dimension (inputs' and outputs' first dimension `N`, intermediate shape
 * annotations dropped): runs with a batch of any size when no node fixes it (a Reshape to a constant shape does).
 */
export function withDynamicBatch(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  for (const info of [...(graph.input ?? []).filter((i) => !initializers.has(i.name)), ...(graph.output ?? [])]) {
    const dims = info.type?.tensorType?.shape?.dim;
    if (dims && dims.length > 0) dims[0] = onnx.TensorShapeProto.Dimension.create({ dimParam: 'N' });
  }
  graph.valueInfo = [];
  return onnx.ModelProto.encode(model).finish();
}
