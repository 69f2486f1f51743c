// Just enough of the protobuf wire format to read and write ONNX files without a dependency (onnx-proto is a
// devDependency, absent under `npm ci --omit=dev`, where postinstall still derives the models).
'use strict';

function readVarint(buf, pos) {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated protobuf varint');
    const byte = buf[pos++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
}

/** Calls visit(fieldNumber, wireType, start, end, fieldStart) for each field of the message in buf[start, end). */
function eachField(buf, start, end, visit) {
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const [key, afterKey] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let valueStart = afterKey;
    let valueEnd;
    if (wire === 0) valueEnd = readVarint(buf, afterKey)[1];
    else if (wire === 1) valueEnd = afterKey + 8;
    else if (wire === 5) valueEnd = afterKey + 4;
    else if (wire === 2) {
      const [length, afterLength] = readVarint(buf, afterKey);
      valueStart = afterLength;
      valueEnd = afterLength + length;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (valueEnd > end) throw new Error('truncated protobuf field');
    visit(field, wire, valueStart, valueEnd, fieldStart);
    pos = valueEnd;
  }
}

function encodeVarint(value) {
  const bytes = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

const varintField = (field, value) => Buffer.concat([encodeVarint(field * 8), encodeVarint(value)]);
const bytesField = (field, bytes) => Buffer.concat([encodeVarint(field * 8 + 2), encodeVarint(bytes.length), bytes]);
const stringField = (field, text) => bytesField(field, Buffer.from(text, 'utf8'));

module.exports = { readVarint, eachField, encodeVarint, varintField, bytesField, stringField };
