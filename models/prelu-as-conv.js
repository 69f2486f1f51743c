// Rewrites each per-channel PRelu that follows a Conv as   y + (1 - a) * Relu(-y)   with two 1x1 depthwise
// Convs (weights -1, then 1 - a), a Relu and an Add: the same function (PRelu(y) = y for y > 0, a*y otherwise).
// Why: onnxruntime's CPU PRelu is a slow broadcasting kernel and has no NCHWc form, so every PRelu of the
// recogniser also pays a reorder out of the blocked layout and back. Profiled on one thread (2026-12-01) the 33
// PRelu nodes and their 67 reorders took 11 of the recogniser's 19 ms; onnxruntime fuses the rewritten form (Conv
// + Relu, Conv + Add) into NCHWc Convs that stay in the blocked layout.
//
// Works on the wire format (protobuf-wire.js): graph fields other than the rewritten nodes and their slope
// initializers are copied byte for byte, so the output is reproducible and its SHA-256 can be pinned.
'use strict';

const { readVarint, eachField, varintField, bytesField, stringField } = require('./protobuf-wire');

const FLOAT = 1;
const ATTRIBUTE_INT = 2;

const text = (buf, s, e) => buf.toString('utf8', s, e);

// NodeProto: input = 1, output = 2, op_type = 4 (all the rewrite reads of a node).
function readNode(buf, start, end) {
  const node = { input: [], output: [], opType: '' };
  eachField(buf, start, end, (field, _wire, s, e) => {
    if (field === 1) node.input.push(text(buf, s, e));
    else if (field === 2) node.output.push(text(buf, s, e));
    else if (field === 4) node.opType = text(buf, s, e);
  });
  return node;
}

/**
 * TensorProto: dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9. The values stay where they are
 * until asked for: only the slopes of the rewritten PRelus are read, not the model's weights.
 */
function readTensor(buf, start, end) {
  // Byte ranges of raw_data, or of float_data (packed, or one fixed32 per field).
  let raw = null;
  const floatData = [];
  const floatsIn = (ranges) => ranges.flatMap(([s, e]) => Array.from({ length: Math.floor((e - s) / 4) }, (_, i) => buf.readFloatLE(s + 4 * i)));
  const tensor = { dims: [], dataType: 0, name: '', values: () => floatsIn(raw ?? floatData) };
  eachField(buf, start, end, (field, wire, s, e) => {
    if (field === 1 && wire === 0) tensor.dims.push(readVarint(buf, s)[0]);
    else if (field === 1 && wire === 2) for (let p = s; p < e; ) {
      const [dim, next] = readVarint(buf, p);
      tensor.dims.push(dim);
      p = next;
    }
    else if (field === 2) tensor.dataType = readVarint(buf, s)[0];
    else if (field === 4) floatData.push([s, e]);
    else if (field === 8) tensor.name = text(buf, s, e);
    else if (field === 9) raw = [[s, e]];
  });
  return tensor;
}

function encodeTensor(name, dims, values) {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => raw.writeFloatLE(v, i * 4));
  return Buffer.concat([...dims.map((d) => varintField(1, d)), varintField(2, FLOAT), stringField(8, name), bytesField(9, raw)]);
}

function encodeNode(opType, name, inputs, outputs, group) {
  const parts = [...inputs.map((i) => stringField(1, i)), ...outputs.map((o) => stringField(2, o)), stringField(3, name), stringField(4, opType)];
  if (group) parts.push(bytesField(5, Buffer.concat([stringField(1, 'group'), varintField(3, group), varintField(20, ATTRIBUTE_INT)])));
  return Buffer.concat(parts);
}

/** Per-channel slopes of a PRelu that can be rewritten: slope [C,1,1] and the input made by a Conv of C outputs. */
function rewritableSlopes(node, producers, initializers) {
  const slope = initializers.get(node.input[1]);
  const conv = producers.get(node.input[0]);
  if (!slope || slope.dataType !== FLOAT || !conv || conv.opType !== 'Conv') return null;
  const [channels, ...rest] = slope.dims;
  const convWeight = initializers.get(conv.input[1]);
  if (rest.length !== 2 || rest.some((d) => d !== 1) || !convWeight || convWeight.dims[0] !== channels) return null;
  const values = slope.values();
  return values.length === channels ? values : null;
}

function rewriteGraph(buf, start, end) {
  const fields = [];
  const nodes = [];
  const initializers = new Map();
  const graphInputs = new Set();
  eachField(buf, start, end, (field, wire, s, e, fieldStart) => {
    const entry = { field, bytes: buf.subarray(fieldStart, e) };
    if (field === 1 && wire === 2) nodes.push((entry.node = readNode(buf, s, e)));
    if (field === 5 && wire === 2) initializers.set((entry.tensor = readTensor(buf, s, e)).name, entry.tensor);
    // input = 11 (ValueInfoProto: name = 1). Older graphs list their initializers as inputs too.
    if (field === 11 && wire === 2) eachField(buf, s, e, (f, _w, vs, ve) => f === 1 && graphInputs.add(text(buf, vs, ve)));
    fields.push(entry);
  });
  const producers = new Map(nodes.flatMap((n) => n.output.map((o) => [o, n])));

  const added = [];
  const retired = new Set();
  let rewritten = 0;
  const out = [];
  for (const entry of fields) {
    const slopes = entry.node && entry.node.opType === 'PRelu' ? rewritableSlopes(entry.node, producers, initializers) : null;
    if (!slopes) {
      out.push(entry);
      continue;
    }
    const { input, output } = entry.node;
    const base = `prelu_as_conv/${rewritten++}`;
    const channels = slopes.length;
    added.push(encodeTensor(`${base}/negate`, [channels, 1, 1, 1], new Array(channels).fill(-1)));
    added.push(encodeTensor(`${base}/keep`, [channels, 1, 1, 1], slopes.map((a) => 1 - a)));
    if (!graphInputs.has(input[1])) retired.add(input[1]);
    for (const node of [
      encodeNode('Conv', `${base}/negate`, [input[0], `${base}/negate`], [`${base}/neg`], channels),
      encodeNode('Relu', `${base}/relu`, [`${base}/neg`], [`${base}/relu`]),
      encodeNode('Conv', `${base}/keep`, [`${base}/relu`, `${base}/keep`], [`${base}/kept`], channels),
      encodeNode('Add', `${base}/add`, [input[0], `${base}/kept`], output),
    ]) out.push({ field: 1, bytes: bytesField(1, node) });
  }
  // A slope no remaining node reads is dropped (onnxruntime warns about unused initializers).
  const stillRead = new Set(out.filter((e) => e.node).flatMap((e) => e.node.input));
  const kept = out.filter((e) => !(e.tensor && retired.has(e.tensor.name) && !stillRead.has(e.tensor.name)));
  const graph = Buffer.concat([...kept.map((e) => e.bytes), ...added.map((t) => bytesField(5, t))]);
  return { graph, rewritten };
}

/** ModelProto: graph = 7. Returns the rewritten model and how many PRelu nodes were replaced. */
function preluAsConv(model) {
  const buf = Buffer.from(model);
  const parts = [];
  let rewritten = 0;
  eachField(buf, 0, buf.length, (field, wire, s, e, fieldStart) => {
    if (field === 7 && wire === 2) {
      const result = rewriteGraph(buf, s, e);
      rewritten += result.rewritten;
      parts.push(bytesField(7, result.graph));
    } else parts.push(buf.subarray(fieldStart, e));
  });
  return { data: Buffer.concat(parts), rewritten };
}

module.exports = { preluAsConv };
