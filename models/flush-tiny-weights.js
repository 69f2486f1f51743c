// Flushes float32 weights too small to matter (|w| < 1e-20) of an ONNX model to zero. The models hold weights that
// training decayed towards zero instead of pruning: fr_feature.onnx ~9,000 denormals (|w| < 2^-126) and ~168,000
// more between 2^-126 and 1e-20, fr_landmark.onnx ~27,000 below 1e-30. A denormal weight, or the product of a tiny
// one with an activation, sends the FMA down the CPU's microcode slow path (Intel's cores pay it; AMD's barely):
// on an Intel Xeon the recogniser ran 1.8x and the landmark model 1.27x slower because of them. No output can
// notice them: |w * x| < 1e-17 for any activation below 1e3 (the recogniser's reach 4.3 in int8-calibration.json),
// far below float32's resolution of their outputs; the outputs measured unchanged to the bit (models/README.md).
//
// A float keeps its 4 bytes when it becomes 0, so the file is patched in place: this walks just enough of the
// protobuf wire format to find the float tensors (graph initializers and Constant node attributes, also in
// sub-graphs) and never re-encodes anything. That keeps it dependency-free (onnx-proto is a devDependency and
// absent under `npm ci --omit=dev`) and byte-for-byte reproducible, so the output's SHA-256 can be pinned.
'use strict';

const { readVarint, eachField } = require('./protobuf-wire');

const FLOAT = 1;
const COMPLEX64 = 14;

const TINY = 1e-20;

function flushRange(buf, start, end) {
  let flushed = 0;
  for (let pos = start; pos + 4 <= end; pos += 4) {
    const value = buf.readFloatLE(pos);
    if (value !== 0 && Math.abs(value) < TINY) {
      buf.writeUInt32LE(0, pos);
      flushed++;
    }
  }
  return flushed;
}

// TensorProto: data_type = 2, float_data = 4 (packed, or one fixed32 per field), raw_data = 9.
function flushTensor(buf, start, end) {
  let dataType = 0;
  const raw = [];
  const floats = [];
  eachField(buf, start, end, (field, wire, s, e) => {
    if (field === 2 && wire === 0) dataType = readVarint(buf, s)[0];
    else if (field === 9 && wire === 2) raw.push([s, e]);
    else if (field === 4 && (wire === 2 || wire === 5)) floats.push([s, e]);
  });
  let flushed = 0;
  for (const [s, e] of floats) flushed += flushRange(buf, s, e);
  if (dataType === FLOAT || dataType === COMPLEX64) for (const [s, e] of raw) flushed += flushRange(buf, s, e);
  return flushed;
}

// AttributeProto: t = 5, g = 6, tensors = 10, graphs = 11.
function flushAttribute(buf, start, end) {
  let flushed = 0;
  eachField(buf, start, end, (field, wire, s, e) => {
    if (wire !== 2) return;
    if (field === 5 || field === 10) flushed += flushTensor(buf, s, e);
    else if (field === 6 || field === 11) flushed += flushGraph(buf, s, e);
  });
  return flushed;
}

// GraphProto: node = 1 (NodeProto: attribute = 5), initializer = 5.
function flushGraph(buf, start, end) {
  let flushed = 0;
  eachField(buf, start, end, (field, wire, s, e) => {
    if (wire !== 2) return;
    if (field === 5) flushed += flushTensor(buf, s, e);
    else if (field === 1) {
      eachField(buf, s, e, (nodeField, nodeWire, ns, ne) => {
        if (nodeField === 5 && nodeWire === 2) flushed += flushAttribute(buf, ns, ne);
      });
    }
  });
  return flushed;
}

/** ModelProto: graph = 7. Returns a patched copy and how many weights were flushed. */
function flushTinyWeights(model) {
  const data = Buffer.from(model);
  let flushed = 0;
  eachField(data, 0, data.length, (field, wire, s, e) => {
    if (field === 7 && wire === 2) flushed += flushGraph(data, s, e);
  });
  return { data, flushed };
}

module.exports = { flushTinyWeights, TINY };
