// Flushes denormal float32 weights of an ONNX model to zero. Denormals (|x| < 2^-126) make CPU kernels take a
// slow microcode path: fr_feature.onnx holds ~9,000 of them and runs 3-4x slower because of it, while they are far
// too small to change any output.
//
// A float keeps its 4 bytes when it becomes 0, so the file is patched in place: this walks just enough of the
// protobuf wire format to find the float tensors (graph initializers and Constant node attributes, also in
// sub-graphs) and never re-encodes anything. That keeps it dependency-free (onnx-proto is a devDependency and
// absent under `npm ci --omit=dev`) and byte-for-byte reproducible, so the output's SHA-256 can be pinned.
'use strict';

const { readVarint, eachField } = require('./protobuf-wire');

const FLOAT = 1;
const COMPLEX64 = 14;

function flushRange(buf, start, end) {
  let flushed = 0;
  for (let pos = start; pos + 4 <= end; pos += 4) {
    const bits = buf.readUInt32LE(pos);
    if ((bits & 0x7f800000) === 0 && (bits & 0x007fffff) !== 0) {
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
function flushDenormals(model) {
  const data = Buffer.from(model);
  let flushed = 0;
  eachField(data, 0, data.length, (field, wire, s, e) => {
    if (field === 7 && wire === 2) flushed += flushGraph(data, s, e);
  });
  return { data, flushed };
}

module.exports = { flushDenormals };
