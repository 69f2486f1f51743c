import { AppConfig } from '@faceauth/config';
import { Calibration, calibratedDistance, cosineSimilarity, distanceToConfidence, equalErrorRate, InferenceService, sortedAscending, tarAtFar } from '@faceauth/inference';
import { readFileSync } from 'node:fs';
import { readLayout } from './datasets';
import { embedAll, Embedded, mapPool } from './embed';

export const FARS = ['1e-2', '1e-3', '1e-4'] as const;

/** Raw cosine distances (1 - cos) of every same-identity and every cross-identity pair of one set. */
export interface PairDistances {
  genuine: Float64Array;
  impostor: Float64Array;
}

export function pairDistances(items: Embedded[]): PairDistances {
  const genuine: number[] = [];
  const impostor = new Float64Array((items.length * (items.length - 1)) / 2);
  let nImpostor = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].embedding;
      const b = items[j].embedding;
      const d = a && b ? 1 - cosineSimilarity(a, b) : Infinity;
      if (items[i].identity === items[j].identity) genuine.push(d);
      else impostor[nImpostor++] = d;
    }
  }
  return { genuine: sortedAscending(genuine), impostor: impostor.subarray(0, nImpostor).sort() };
}

export interface DatasetReport {
  images: number;
  no_face: number;
  genuine_pairs: number;
  impostor_pairs: number;
  eer: number | null;
  tar_at_far: Record<(typeof FARS)[number], number | null>;
  tar_at_threshold: number;
  far_at_threshold: number;
  /** The same without the contract's minimum face size (faces it refuses are embedded anyway): comparable to harnesses that do not apply it. */
  without_size_gate?: { no_face: number; eer: number | null; tar_at_far: Record<(typeof FARS)[number], number | null> };
}

export interface Rule {
  calibration: Calibration;
  /**
   * Faces with eyes closer than this are refused (FACE_TOO_SMALL). The eval applies it itself: give the engine
   * a minimum of 1 so those faces are still embedded for the `without_size_gate` figures.
   */
  minEyeDistancePx: number;
  distanceThreshold: number;
  confidenceThreshold: number;
}

export function ruleOf(config: AppConfig): Rule {
  return {
    calibration: config.calibration,
    minEyeDistancePx: config.inference.minEyeDistancePx,
    distanceThreshold: config.match.distanceThreshold,
    confidenceThreshold: config.match.confidenceThreshold,
  };
}

/** The contract's decision on a raw cosine distance: calibrated distance <= threshold and confidence >= minimum. */
export function accepts(rawDistance: number, rule: Rule): boolean {
  if (!Number.isFinite(rawDistance)) return false;
  const distance = calibratedDistance(1 - rawDistance, rule.calibration.distanceScale);
  return distance <= rule.distanceThreshold && distanceToConfidence(distance, rule.calibration.logistic) >= rule.confidenceThreshold;
}

/** TAR and FAR of the contract's rule on one set of pairs. */
export function ratesAtRule(pairs: PairDistances, rule: Rule): Pick<DatasetReport, 'tar_at_threshold' | 'far_at_threshold'> {
  const rate = (values: Float64Array) => (values.length ? values.filter((d) => accepts(d, rule)).length / values.length : 0);
  return { tar_at_threshold: rate(pairs.genuine), far_at_threshold: rate(pairs.impostor) };
}

/** EER and TAR at each reported FAR of one set of pairs. */
function rocFigures(pairs: PairDistances): Pick<DatasetReport, 'eer' | 'tar_at_far'> {
  return {
    eer: equalErrorRate(pairs.genuine, pairs.impostor),
    tar_at_far: Object.fromEntries(FARS.map((f) => [f, tarAtFar(pairs.genuine, pairs.impostor, Number(f))])) as DatasetReport['tar_at_far'],
  };
}

export function reportDataset(items: Embedded[], pairs: PairDistances, rule: Rule): DatasetReport {
  return {
    images: items.length,
    no_face: items.filter((i) => !i.embedding).length,
    genuine_pairs: pairs.genuine.length,
    impostor_pairs: pairs.impostor.length,
    ...rocFigures(pairs),
    ...ratesAtRule(pairs, rule),
  };
}

export interface EvalResult {
  datasets: Record<string, DatasetReport>;
  noface: { images: number; false_faces: number };
  /** Raw distances per set, for calibration (not written to the report). */
  pairs: Record<string, PairDistances>;
}

export interface EvalOptions {
  dataDir: string;
  only?: string[];
  maxIdentities?: Record<string, number>;
  parallel?: number;
  log?: (line: string) => void;
}

/** Embeds every image of each set once, then scores all pairs with the rule. */
export async function evaluate(service: InferenceService, rule: Rule, options: EvalOptions): Promise<EvalResult> {
  const log = options.log ?? (() => undefined);
  const layout = readLayout(options.dataDir, { only: options.only, maxIdentities: options.maxIdentities });
  const result: EvalResult = { datasets: {}, noface: { images: 0, false_faces: 0 }, pairs: {} };
  for (const set of layout.identitySets) {
    const items = [...set.identities].flatMap(([identity, paths]) => paths.map((path) => ({ identity, path })));
    const started = Date.now();
    const embedded = await embedAll(service, items, options.parallel ?? 2, (n) => log(`  ${set.name}: ${n}/${items.length}`));
    log(`${set.name}: ${items.length} images embedded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const gated = embedded.map((e) =>
      e.embedding && (e.eyeDistance ?? Infinity) < rule.minEyeDistancePx ? { ...e, embedding: null, error: 'FACE_TOO_SMALL' } : e,
    );
    const pairs = pairDistances(gated);
    result.pairs[set.name] = pairs;
    result.datasets[set.name] = reportDataset(gated, pairs, rule);
    result.datasets[set.name].without_size_gate = {
      no_face: embedded.filter((i) => !i.embedding).length,
      ...rocFigures(pairDistances(embedded)),
    };
  }
  const faces = await mapPool(layout.noface, options.parallel ?? 2, async (path) => (await service.detect(readFileSync(path))).length);
  result.noface = { images: layout.noface.length, false_faces: faces.reduce((s, n) => s + n, 0) };
  return result;
}

const pct = (v: number | null, digits = 1) => (v === null ? '-' : `${(v * 100).toFixed(digits)}%`);

/** A readable table of the report (markdown, so it can go straight into docs). */
export function formatTable(result: Pick<EvalResult, 'datasets' | 'noface'>): string {
  const lines = [
    '| dataset | images | no face | genuine | impostor | EER | TAR@FAR 1e-2 | TAR@FAR 1e-3 | TAR@FAR 1e-4 | TAR at rule | FAR at rule |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, r] of Object.entries(result.datasets)) {
    lines.push(
      `| ${name} | ${r.images} | ${r.no_face} | ${r.genuine_pairs} | ${r.impostor_pairs} | ${pct(r.eer, 2)} | ` +
        `${FARS.map((f) => pct(r.tar_at_far[f])).join(' | ')} | ${pct(r.tar_at_threshold)} | ${pct(r.far_at_threshold, 4)} |`,
    );
  }
  const ungated = Object.entries(result.datasets).filter(([, r]) => r.without_size_gate);
  if (ungated.length > 0) {
    lines.push('', 'The same without the minimum face size (the configured eye distance), as a harness that does not apply it:', '');
    lines.push('| dataset | no face | EER | TAR@FAR 1e-2 | TAR@FAR 1e-3 | TAR@FAR 1e-4 |', '|---|---|---|---|---|---|');
    for (const [name, r] of ungated) {
      const u = r.without_size_gate!;
      lines.push(`| ${name} | ${u.no_face} | ${pct(u.eer, 2)} | ${FARS.map((f) => pct(u.tar_at_far[f])).join(' | ')} |`);
    }
  }
  lines.push('', `no-face images: ${result.noface.images}, false faces: ${result.noface.false_faces}`);
  return lines.join('\n');
}
