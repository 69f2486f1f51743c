// Jest's node environment gives each test file its own realm, so its Float32Array is not the one the
// onnxruntime-node binding creates outputs with, and ort's `instanceof` check fails ("A float32 tensor's data
// must be type of function Float32Array()"). Any test that runs the real InferenceService uses this
// environment (docblock `@jest-environment ./test/inference/onnx-environment.js`): it shares the outer realm's
// typed arrays, as Buffer already is.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxEnvironment;
