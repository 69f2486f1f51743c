import { analyseFrameTemplate, embeddingFromText, embeddingText, FrameAnalysis } from '@faceauth/login-sessions';
import { DomainError } from '@faceauth/common';
import { decidesEarly, EarlyMatch, InferenceService } from '@faceauth/inference';
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
 * A frame as the frames route analyses it with no user to match early (a turned frame on the recogniser's first
 * pass alone), plus what replaying an early match needs: the first pass of a frame that ran both passes.
 * `sample` (the 'sample' analysis) is the photo's template as POST /enroll makes it, both passes.
 */
export interface AnalysedFrame extends FrameAnalysis {
  firstPass?: string;
  sample?: string;
}

/**
 * The product's own frame analysis (the frames route's code) of each job, once: kept under the temp folder
 * keyed by the job key, the frame analysis's version and the engine's fingerprint (code, models, settings), so
 * reruns of the evaluation take seconds and a changed model is never answered from the cache. `sample` also
 * makes each photo's enrollment template (the enrolled samples of the sequences).
 */
export async function analyseCached(
  service: InferenceService,
  jobs: AnalysisJob[],
  engine: string,
  options: { parallel: number; log?: (line: string) => void; sample?: boolean },
): Promise<AnalysedFrame[]> {
  mkdirSync(dir, { recursive: true });
  let done = 0;
  let computed = 0;
  return mapPool(jobs, options.parallel, async (job) => {
    const file = join(dir, createHash('sha256').update(engine).update(engineFingerprint()).update(options.sample ? 'sample' : 'frame').update(job.key).digest('hex').slice(0, 24) + '.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    const bytes = await job.bytes();
    const { frame, template } = await analyseFrameTemplate(service, bytes, 0);
    const analysis: AnalysedFrame = { ...frame, ...(template?.mirrorPass ? { firstPass: embeddingText(template.firstPass) } : {}) };
    // A frame that ran both passes (no user to match early here) already is the enrollment template.
    if (options.sample && frame.embedding) analysis.sample = template?.mirrorPass ? frame.embedding : await sampleOf(service, bytes);
    writeFileSync(file, JSON.stringify(analysis));
    computed++;
    if (++done % 100 === 0) options.log?.(`  analysed ${done} new frames`);
    return analysis;
  }).finally(() => options.log?.(`${jobs.length} frames (${computed} analysed now, the rest from ${dir})`));
}

/** The photo's enrollment template (both passes, as POST /enroll), or undefined when the engine refuses it. */
async function sampleOf(service: InferenceService, bytes: Buffer): Promise<string | undefined> {
  try {
    return embeddingText((await service.extractTemplate(bytes, 'largest')).embedding);
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) return undefined;
    throw error;
  }
}

/**
 * The frame the route stores when the session's user has `early` (earlyMatchFor): the engine's decidesEarly on
 * the first pass, replayed. (A frame the full path refused as an implausible face stays refused here, though
 * the early path would skip that check: conservative for the genuine sequences.)
 */
export function servedFrame<F extends AnalysedFrame>(frame: F, early: EarlyMatch | undefined): F {
  if (!frame.firstPass || !decidesEarly(embeddingFromText(frame.firstPass), early)) return frame;
  return { ...frame, embedding: frame.firstPass };
}
