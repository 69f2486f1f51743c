// The arithmetic of int8 static quantization, as ONNX QuantizeLinear/DequantizeLinear define it:
//   q = saturate(roundHalfToEven(x / scale) + zeroPoint),   x ~ (q - zeroPoint) * scale
// Activations: uint8, asymmetric, the range widened to hold 0 so that 0 (padding, ReLU) is exact.
// Weights: int8, symmetric (zero point 0), one scale per output channel; `reduceRange` keeps them in 7 bits,
// which AVX2 machines without VNNI need: their u8 x s8 kernel sums pairs of products in int16 and saturates.
// Biases: int32 at scale input scale x weight scale, zero point 0 (what QLinearConv adds to its accumulator).

export interface ActivationParams {
  scale: number;
  zeroPoint: number;
}

/** Round half to even, as QuantizeLinear does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** uint8 scale and zero point covering [min, max] (widened to hold 0); scale is a float32. */
export function activationParams(min: number, max: number): ActivationParams {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  if (hi === lo) return { scale: 1, zeroPoint: 0 };
  const scale = Math.fround((hi - lo) / 255);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(-lo / scale)));
  return { scale, zeroPoint };
}

/** QuantizeLinear of one value. */
export function quantize(x: number, scale: number, zeroPoint: number, qmin: number, qmax: number): number {
  return Math.min(qmax, Math.max(qmin, roundHalfEven(x / scale) + zeroPoint));
}

export interface ChannelWeights {
  values: Int8Array;
  /** One float32 scale per output channel (axis 0). */
  scales: Float32Array;
}

/** Per-output-channel symmetric int8 weights of a tensor whose first dimension is the output channel. */
export function quantizeWeights(weights: Float32Array, channels: number, reduceRange = false): ChannelWeights {
  const qmax = reduceRange ? 63 : 127;
  const per = weights.length / channels;
  const values = new Int8Array(weights.length);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    let absMax = 0;
    for (let i = c * per; i < (c + 1) * per; i++) absMax = Math.max(absMax, Math.abs(weights[i]));
    const scale = absMax === 0 ? 1 : Math.fround(absMax / qmax);
    scales[c] = scale;
    for (let i = c * per; i < (c + 1) * per; i++) values[i] = quantize(weights[i], scale, 0, -qmax, qmax);
  }
  return { values, scales };
}

/** int32 biases at scale inputScale x weightScale[c], and those scales (float32). */
export function quantizeBias(bias: Float32Array, inputScale: number, weightScales: Float32Array): { values: Int32Array; scales: Float32Array } {
  const scales = new Float32Array(bias.length);
  const values = new Int32Array(bias.length);
  for (let c = 0; c < bias.length; c++) {
    scales[c] = Math.fround(inputScale * weightScales[c]);
    values[c] = quantize(bias[c], scales[c], 0, -(2 ** 31), 2 ** 31 - 1);
  }
  return { values, scales };
}
