// QDQ rewrite of a float ONNX graph (onnx-proto), in the form onnxruntime's graph optimiser fuses into int8
// kernels (DequantizeLinear -> Conv -> QuantizeLinear becomes QLinearConv, likewise Add -> QLinearAdd):
//   - every activation read or written by a Conv or an Add gets QuantizeLinear -> DequantizeLinear (uint8,
//     the calibrated range), except the model's outputs; a Conv whose only reader is a Relu is quantized after the Relu instead (onnxruntime
//     drops a Relu followed by a QuantizeLinear whose zero point is 0, so the Conv still fuses);
//   - Conv weights become int8 initializers (per output channel, symmetric) behind a DequantizeLinear, their
//     biases int32 at input scale x weight scale;
//   - the default opset goes to 13, the first with per-channel DequantizeLinear (the ops these models use
//     mean the same at 9 and 13; `upgradeToOpset13` rewrites the ones that changed form).
import { onnx } from 'onnx-proto';
import { activationParams, quantizeBias, quantizeWeights } from './quantize-maths';

const DT = onnx.TensorProto.DataType;
const QUANTIZED_OPS = new Set(['Conv', 'Add']);
const RESHAPES = new Set(['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze']);

/** Calibrated [min, max] of each activation tensor. */
export type Ranges = Record<string, [number, number]>;

export interface QuantizeOptions {
  /** 7-bit weights (see quantize-maths.ts). */
  reduceRange?: boolean;
}

const consumers = (graph: onnx.IGraphProto, name: string) => (graph.node ?? []).filter((n) => n.input?.includes(name));

/**
 * The activation tensors the rewrite quantizes, in graph order: what calibration has to measure. A tensor that
 * is a graph output, or only reshaped into one, stays float: 256 levels across every sample's range would
 * coarsen the embedding itself.
 */
export function activationTensors(model: onnx.IModelProto): string[] {
  const graph = model.graph!;
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name!));
  const outputBound = new Set((graph.output ?? []).map((o) => o.name!));
  for (const node of [...(graph.node ?? [])].reverse()) {
    if (RESHAPES.has(node.opType!) && outputBound.has(node.output![0]) && consumers(graph, node.output![0]).length === 0) outputBound.add(node.input![0]);
  }
  const read = new Set<string>();
  const written = new Set<string>();
  for (const node of graph.node ?? []) {
    if (!QUANTIZED_OPS.has(node.opType!)) continue;
    for (const input of node.input ?? []) if (input && !initializers.has(input)) read.add(input);
    const output = node.output![0];
    const readers = consumers(graph, output);
    if (node.opType === 'Conv' && readers.length === 1 && readers[0].opType === 'Relu') written.add(readers[0].output![0]);
    else written.add(output);
  }
  const quantized = (name: string) => read.has(name) || (written.has(name) && !outputBound.has(name));
  const inOrder = [...(graph.input ?? []).map((i) => i.name!), ...(graph.node ?? []).flatMap((n) => n.output ?? [])];
  return [...new Set(inOrder)].filter(quantized);
}

/** The float32 values of an initializer (raw_data or float_data). */
export function floatsOf(tensor: onnx.ITensorProto): Float32Array {
  if (tensor.dataType !== DT.FLOAT) throw new Error(`${tensor.name}: not a float tensor`);
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  }
  return Float32Array.from(tensor.floatData ?? []);
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
const tensor = (name: string, dataType: number, dims: number[], data: ArrayBufferView) => onnx.TensorProto.create({ name, dataType, dims, rawData: bytesOf(data) });
const intAttr = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const attr = (node: onnx.INodeProto, name: string) => node.attribute?.find((a) => a.name === name);

/** Rewrites the opset-9 ops that take inputs instead of attributes at opset 13 (Unsqueeze, Squeeze, Slice). */
export function upgradeToOpset13(model: onnx.IModelProto): void {
  const graph = model.graph!;
  for (const node of graph.node ?? []) {
    const moved: Array<[string, string]> = [];
    if (node.opType === 'Unsqueeze' || node.opType === 'Squeeze') moved.push(['axes', 'axes']);
    if (node.opType === 'Slice' && !attr(node, 'starts')) continue;
    if (node.opType === 'Slice') moved.push(['starts', 'starts'], ['ends', 'ends'], ['axes', 'axes']);
    if (node.opType === 'Softmax' || node.opType === 'LogSoftmax') {
      // Opset < 13 flattens from `axis` on; the same as opset 13 only when `axis` is the last dimension.
      if (!attr(node, 'axis')) throw new Error(`${node.name}: Softmax without axis changes meaning at opset 13`);
    }
    for (const [attrName, suffix] of moved) {
      const a = attr(node, attrName);
      if (!a) continue;
      const name = `${node.output![0]}/${suffix}`;
      graph.initializer!.push(tensor(name, DT.INT64, [a.ints!.length], BigInt64Array.from(a.ints!.map((v) => BigInt(v.toString())))));
      node.input!.push(name);
      node.attribute = node.attribute!.filter((x) => x !== a);
    }
  }
  model.opsetImport = [{ domain: '', version: 13 }];
  if (Number(model.irVersion) < 7) model.irVersion = 7;
}

/** The QDQ model of `bytes` for the calibrated `ranges` (every tensor of activationTensors must have one). */
export function quantizeModel(bytes: Uint8Array, ranges: Ranges, options: QuantizeOptions = {}): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  upgradeToOpset13(model);
  const graph = model.graph!;
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name!, t]));
  const added: onnx.ITensorProto[] = [];
  const used = new Set<string>();
  const params = new Map<string, { scale: number; zeroPoint: number }>();
  const qdq = new Map<string, onnx.INodeProto[]>();

  for (const name of activationTensors(model)) {
    const range = ranges[name];
    if (!range) throw new Error(`no calibrated range for tensor ${name}`);
    const p = activationParams(range[0], range[1]);
    params.set(name, p);
    added.push(tensor(`${name}/scale`, DT.FLOAT, [], Float32Array.of(p.scale)), tensor(`${name}/zero_point`, DT.UINT8, [], Uint8Array.of(p.zeroPoint)));
    const q = [`${name}/scale`, `${name}/zero_point`];
    qdq.set(name, [
      { opType: 'QuantizeLinear', name: `${name}/Q`, input: [name, ...q], output: [`${name}/q`] },
      { opType: 'DequantizeLinear', name: `${name}/DQ`, input: [`${name}/q`, ...q], output: [`${name}/dq`] },
    ]);
  }

  const nodes: onnx.INodeProto[] = [];
  for (const input of graph.input ?? []) nodes.push(...(qdq.get(input.name!) ?? []));
  for (const node of graph.node ?? []) {
    node.input = node.input!.map((name) => (qdq.has(name) ? `${name}/dq` : name));
    if (node.opType === 'Conv' && initializers.has(node.input[1])) nodes.push(...quantizeConvWeights(node, initializers, params, added, used, options));
    nodes.push(node);
    for (const output of node.output ?? []) nodes.push(...(qdq.get(output) ?? []));
  }
  graph.node = nodes;
  graph.initializer = [...(graph.initializer ?? []).filter((t) => !used.has(t.name!)), ...added];
  graph.input = (graph.input ?? []).filter((i) => !used.has(i.name!));
  graph.valueInfo = [];
  return onnx.ModelProto.encode(model).finish();
}

/** int8 weights (and int32 bias) of one Conv behind DequantizeLinear nodes, which it now reads. */
function quantizeConvWeights(
  node: onnx.INodeProto,
  initializers: Map<string, onnx.ITensorProto>,
  params: Map<string, { scale: number; zeroPoint: number }>,
  added: onnx.ITensorProto[],
  used: Set<string>,
  options: QuantizeOptions,
): onnx.INodeProto[] {
  const [x, wName, bName] = node.input!;
  const inputName = x.replace(/\/dq$/, '');
  const input = params.get(inputName);
  if (!input) throw new Error(`${node.name}: its input ${inputName} is not quantized`);
  if (used.has(wName)) throw new Error(`${node.name}: weight ${wName} is shared with another node`);
  const w = initializers.get(wName)!;
  const dims = (w.dims ?? []).map(Number);
  const weights = quantizeWeights(floatsOf(w), dims[0], options.reduceRange);
  const out: onnx.INodeProto[] = [];
  const dq = (name: string, data: ArrayBufferView, dataType: number, tensorDims: number[], scales: Float32Array, zeros: ArrayBufferView) => {
    added.push(tensor(`${name}/quantized`, dataType, tensorDims, data), tensor(`${name}/scale`, DT.FLOAT, [scales.length], scales), tensor(`${name}/zero_point`, dataType, [scales.length], zeros));
    out.push({ opType: 'DequantizeLinear', name: `${name}/DQ`, input: [`${name}/quantized`, `${name}/scale`, `${name}/zero_point`], output: [`${name}/dq`], attribute: [intAttr('axis', 0)] });
    used.add(name);
  };
  dq(wName, weights.values, DT.INT8, dims, weights.scales, new Int8Array(dims[0]));
  node.input![1] = `${wName}/dq`;
  if (bName && initializers.has(bName)) {
    const bias = quantizeBias(floatsOf(initializers.get(bName)!), input.scale, weights.scales);
    dq(bName, bias.values, DT.INT32, [bias.values.length], bias.scales, new Int32Array(bias.values.length));
    node.input![2] = `${bName}/dq`;
  }
  return out;
}

/** The model with `names` added as float graph outputs (to read intermediate activations). */
export function exposeTensors(bytes: Uint8Array, names: string[]): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const existing = new Set((model.graph!.output ?? []).map((o) => o.name));
  for (const name of names) {
    if (!existing.has(name)) model.graph!.output!.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DT.FLOAT } } }));
  }
  return onnx.ModelProto.encode(model).finish();
}

/** Op type -> count, of a model's top graph. */
export function opCounts(bytes: Uint8Array): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of onnx.ModelProto.decode(bytes).graph!.node ?? []) counts[node.opType!] = (counts[node.opType!] ?? 0) + 1;
  return counts;
}
