import { analyseFrame, FrameAnalysis } from '@faceauth/login-sessions';
import { InferenceService } from '@faceauth/inference';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapPool } from '../../inference/lib/embed';
import { engineFingerprint } from '../../inference/lib/embedding-cache';

/** The cache of frame analyses: one JSON file per key (photo path + the transform applied to it). */
const dir = process.env.FACEAUTH_LIVENESS_CACHE ?? join(tmpdir(), 'faceauth-liveness-cache');

export interface AnalysisJob {
  /** Stable name of the image (path plus the transform that made it). */
  key: string;
  bytes: () => Promise<Buffer>;
}

/**
 * The product's own frame analysis (the frames route's code) of each job, once: kept under the temp folder
 * keyed by the job key, the frame analysis's version and the engine's fingerprint (code, models, settings), so
 * reruns of the evaluation take seconds and a changed model is never answered from the cache.
 */
export async function analyseCached(
  service: InferenceService,
  jobs: AnalysisJob[],
  engine: string,
  options: { parallel: number; log?: (line: string) => void },
): Promise<FrameAnalysis[]> {
  mkdirSync(dir, { recursive: true });
  let done = 0;
  let computed = 0;
  return mapPool(jobs, options.parallel, async (job) => {
    const file = join(dir, createHash('sha256').update(engine).update(engineFingerprint()).update(job.key).digest('hex').slice(0, 24) + '.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    const analysis = await analyseFrame(service, await job.bytes(), 0);
    writeFileSync(file, JSON.stringify(analysis));
    computed++;
    if (++done % 100 === 0) options.log?.(`  analysed ${done} new frames`);
    return analysis;
  }).finally(() => options.log?.(`${jobs.length} frames (${computed} analysed now, the rest from ${dir})`));
}
