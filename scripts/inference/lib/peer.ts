// The peer the benchmark compares with: @vladmandic/face-api (TensorFlow.js on its WebAssembly backend, SIMD,
// one thread, its bundled weights): SSD MobileNet v1 detector, 68-point landmarks and the 128-value
// recognition descriptor of the largest face, the same three steps as our verify path. A development
// dependency, loaded only here. Photos are decoded with sharp (EXIF-rotated, RGB) and handed over as a tensor.
import { join } from 'node:path';
import sharp from 'sharp';

export interface Peer {
  versions: Record<string, string>;
  /** Decode, detect, landmarks, descriptor of the photo's most confident face: ms of each part, and whether a face was found. */
  run(image: Buffer): Promise<{ decode_ms: number; model_ms: number; total_ms: number; found: boolean }>;
}

export async function startPeer(): Promise<Peer> {
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // One thread: the threaded build needs a cross-origin isolated browser page; in Node it is refused anyway.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const wasmDir = join(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '..', 'dist') + '/';
  wasm.setWasmPaths(wasmDir);
  await tf.setBackend('wasm');
  await tf.ready();
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const modelDir = join(require.resolve('@vladmandic/face-api/package.json'), '..', 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 10 });
  return {
    versions: { faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(), simd: String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) },
    async run(image) {
      const start = performance.now();
      const { data, info } = await sharp(image).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const tensor = tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.length), [info.height, info.width, 3], 'int32');
      const decoded = performance.now();
      const result = await faceapi.detectSingleFace(tensor, options).withFaceLandmarks().withFaceDescriptor();
      tf.dispose(tensor);
      const end = performance.now();
      return { decode_ms: decoded - start, model_ms: end - decoded, total_ms: end - start, found: result !== undefined };
    },
  };
}
