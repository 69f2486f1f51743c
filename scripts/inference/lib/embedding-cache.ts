import { loadConfig, projectRoot } from '@faceauth/config';
import { FaceQuality, InferenceService } from '@faceauth/inference';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapPool } from './embed';

/** What the engine made of one photo ('largest' policy, any face size): enough to replay every API decision. */
export interface PhotoResult {
  path: string;
  identity: string;
  /** Contract code when the engine refused the photo (NO_FACE, INVALID_IMAGE...). */
  error?: string;
  /** details.reason of the refusal, when it gave one. */
  reason?: string;
  embedding?: Float32Array;
  /** The recogniser's first pass alone (no mirror), what an early match decides on (FaceTemplate.firstPass). */
  firstPass?: Float32Array;
  faces?: number;
  eyeDistance?: number;
  detectorScore?: number;
  quality?: FaceQuality;
}

let fingerprint: string | undefined;

/**
 * Changes whenever the engine's code or models change: a stale cache is never read. Computed once per process
 * (it reads every model file), so every set of one run is keyed by the same engine.
 */
export function engineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = projectRoot();
  const hash = createHash('sha256');
  const src = join(root, 'libs', 'inference', 'src');
  for (const file of readdirSync(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).sort()) hash.update(file).update(readFileSync(join(src, file)));
  const models = join(root, 'models');
  // The bytes, not the sizes: two quantized variants of a model can have the same size.
  for (const file of readdirSync(models).filter((f) => f.endsWith('.onnx')).sort()) hash.update(file).update(readFileSync(join(models, file)));
  // As loaded: environment overrides (INFERENCE_RECOGNISER_MODEL...) change the engine too.
  hash.update(JSON.stringify(loadConfig(process.env).inference));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

interface Stored extends Omit<PhotoResult, 'embedding' | 'firstPass'> {
  embedding?: string;
  firstPass?: string;
}

/** The cache file of one set of photos for the engine as it is now. */
export function cacheFile(name: string, items: Array<{ path: string }>): string {
  const dir = process.env.FACEAUTH_EVAL_CACHE ?? join(tmpdir(), 'faceauth-eval-cache');
  mkdirSync(dir, { recursive: true });
  const key = createHash('sha256').update(engineFingerprint());
  for (const item of items) key.update(item.path).update(String(statSync(item.path).size)).update(String(statSync(item.path).mtimeMs));
  return join(dir, `${name}-${key.digest('hex').slice(0, 16)}.json`);
}

/**
 * Runs the engine over `items` once per engine version: results are kept in a file under the system's temp
 * folder (FACEAUTH_EVAL_CACHE overrides), keyed by the engine fingerprint and the photos (path, size, mtime).
 */
export async function embedCached(
  service: InferenceService,
  name: string,
  items: Array<{ path: string; identity: string }>,
  options: { parallel: number; log?: (line: string) => void },
): Promise<PhotoResult[]> {
  const file = cacheFile(name, items);
  if (existsSync(file)) {
    const stored: Stored[] = JSON.parse(readFileSync(file, 'utf8'));
    options.log?.(`${name}: ${stored.length} photos from the cache ${file}`);
    return stored.map((s) => ({ ...s, embedding: fromBase64(s.embedding), firstPass: fromBase64(s.firstPass) }));
  }
  const started = Date.now();
  let done = 0;
  const results = await mapPool(items, options.parallel, async (item): Promise<PhotoResult> => {
    try {
      const t = await service.extractTemplate(readFileSync(item.path), 'largest');
      return { ...item, embedding: t.embedding, firstPass: t.firstPass, faces: t.faces, eyeDistance: t.face.eyeDistance, detectorScore: t.face.score, quality: t.quality };
    } catch (error) {
      if (!error.code) throw error;
      return { ...item, error: error.code, reason: error.details?.reason };
    } finally {
      if (++done % 200 === 0) options.log?.(`  ${name}: ${done}/${items.length}`);
    }
  });
  options.log?.(`${name}: ${items.length} photos embedded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const stored: Stored[] = results.map((r) => ({ ...r, embedding: toBase64(r.embedding), firstPass: toBase64(r.firstPass) }));
  writeFileSync(file, JSON.stringify(stored));
  return results;
}

const toFloats = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const fromBase64 = (text?: string) => (text ? toFloats(Buffer.from(text, 'base64')) : undefined);
const toBase64 = (v?: Float32Array) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : undefined);
