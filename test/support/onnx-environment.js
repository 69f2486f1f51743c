// Jest's node environment gives each test file its own realm. onnxruntime-node creates its output arrays in
// the outer realm, so ort's own `data instanceof Float32Array` check (inner realm) fails with "A float32
// tensor's data must be type of function Float32Array()". This environment makes the inner realm's typed
// array constructors also recognise outer-realm instances. (Sharing the outer constructors instead works
// too, but V8 then runs every typed-array loop in the tests' code ~50x slower across realms.)
// It is the default environment of every jest config here (test/jest-base.config.js).
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) {
      const inner = this.global[name];
      const outer = globalThis[name];
      if (!inner || !outer || inner === outer) continue;
      Object.defineProperty(inner, Symbol.hasInstance, {
        value: (value) => Function.prototype[Symbol.hasInstance].call(inner, value) || value instanceof outer,
      });
    }
  }
}

module.exports = OnnxEnvironment;
