import { AppConfig } from '@faceauth/config';
import {
  earlyMatchFor,
  EarlyMatchRule,
  EnrolledTemplate,
  outlyingPhotos,
  isMatch,
  qualityProblem,
  QualityThresholds,
  reportComparison,
  TemplateStrategy,
} from '@faceauth/face-matching';
import { Calibration, comparisonOf, decidesEarly, equalErrorRate, fitLogistic, sortedAscending, tarAtFar, thresholdAtFar } from '@faceauth/inference';
import { PhotoResult } from './embedding-cache';

/**
 * The product's decisions, replayed on the engine's results with the product's own functions
 * (@faceauth/face-matching): enrollment refusals, the consistency check, and the N-sample verify rule.
 */
export interface ProtocolRules {
  minEyeDistancePx: number;
  match: EarlyMatchRule;
  pairCalibration: Calibration;
  templateCalibration: Calibration;
  consistencyThreshold: number;
  quality: QualityThresholds;
}

export function protocolRulesOf(config: AppConfig): ProtocolRules {
  return {
    minEyeDistancePx: config.inference.minEyeDistancePx,
    match: config.match,
    pairCalibration: { distanceScale: config.calibration.distanceScale, logistic: config.calibration.logistic },
    templateCalibration: config.calibration.template,
    consistencyThreshold: config.enrollment.consistencyThreshold,
    quality: config.enrollment.quality,
  };
}

/** Why POST /enroll refuses this photo on its own (the code it answers), or null. */
export function photoRefusal(photo: PhotoResult, rules: ProtocolRules): string | null {
  if (photo.error) return photo.error;
  if ((photo.faces ?? 1) > 1) return 'MULTIPLE_FACES';
  if ((photo.eyeDistance ?? 0) < rules.minEyeDistancePx) return 'FACE_TOO_SMALL';
  if (qualityProblem(photo.quality!, rules.quality)) return 'LOW_QUALITY';
  return null;
}

/** A photo /verify can use (the largest face, of the minimum size); any other login is a reject. */
export function loginUsable(photo: PhotoResult, rules: ProtocolRules): boolean {
  return !photo.error && (photo.eyeDistance ?? 0) >= rules.minEyeDistancePx;
}

/** POST /enroll of these photos: the template, or the code it refuses them with. */
export function enrollPhotos(photos: PhotoResult[], rules: ProtocolRules): { template: EnrolledTemplate } | { refusal: string; outlier?: number } {
  for (const photo of photos) {
    const refusal = photoRefusal(photo, rules);
    if (refusal) return { refusal };
  }
  const fields = photos.map((p, i) => ({ field: String(i), embedding: p.embedding! }));
  const outliers = outlyingPhotos(fields, rules.pairCalibration, rules.consistencyThreshold);
  if (outliers.length > 0) return { refusal: 'ENROLL_MISMATCH', outlier: Number(outliers[0].field) };
  return { template: new EnrolledTemplate(photos.map((p) => p.embedding!)) };
}

/**
 * The photos a person enrolls with: the first K, except that a photo the API refuses on its own (its answer
 * names the field: NO_FACE, FACE_TOO_SMALL, MULTIPLE_FACES, LOW_QUALITY) is replaced by the person's next photo,
 * as someone told which photo failed would do. Null when the photos run out first.
 */
export function choosePhotos(photos: PhotoResult[], k: number, rules: ProtocolRules): { chosen: number[]; retakes: number; refusal?: string } {
  const chosen: number[] = [];
  let retakes = 0;
  let firstRefusal: string | undefined;
  for (let i = 0; i < photos.length && chosen.length < k; i++) {
    const refusal = photoRefusal(photos[i], rules);
    if (refusal === null) chosen.push(i);
    else {
      retakes++;
      firstRefusal ??= refusal;
    }
  }
  return chosen.length === k ? { chosen, retakes } : { chosen, retakes, refusal: firstRefusal };
}

function nextUsable(photos: PhotoResult[], from: number, rules: ProtocolRules): number | null {
  for (let i = from; i < photos.length; i++) if (photoRefusal(photos[i], rules) === null) return i;
  return null;
}

/** Raw decision distances (1 - cos of the N-sample decision) of every login; Infinity for an unusable photo. */
export interface Logins {
  genuine: number[];
  impostor: number[];
}

export interface KOutcome {
  /** Identities with at least K photos. */
  eligible: number;
  enrolled: number;
  /** Enrolled from their first K photos as they were (no photo replaced). */
  enrolledFirstK: number;
  /** Photos refused on their own and replaced by the next one. */
  retakes: number;
  /** Photos named by ENROLL_MISMATCH (the one farthest from the others) and replaced by the next usable one. */
  mismatchRetakes: number;
  refusals: Record<string, number>;
  logins: Logins;
  /** Logins the recogniser's first pass decided alone (the configured early match, at the rules' calibration). */
  early: { genuine: number; impostor: number };
}

export interface ProtocolSet {
  name: string;
  /** identity -> the engine's results for its photos, in file order. */
  identities: Map<string, PhotoResult[]>;
}

/**
 * Enroll each identity from its first K photos; every other photo of it is a genuine login, every photo of every
 * other identity an impostor login. `include` restricts both the enrolled identities and the impostors (folds).
 */
export function runProtocol(set: ProtocolSet, k: number, rules: ProtocolRules, strategy: TemplateStrategy, include: (identity: string) => boolean = () => true): KOutcome {
  const ids = [...set.identities.keys()].filter(include);
  const out: KOutcome = { eligible: 0, enrolled: 0, enrolledFirstK: 0, retakes: 0, mismatchRetakes: 0, refusals: {}, logins: { genuine: [], impostor: [] }, early: { genuine: 0, impostor: 0 } };
  const probes = ids.map((id) => set.identities.get(id)!.map((p) => (loginUsable(p, rules) ? p : null)));
  for (let a = 0; a < ids.length; a++) {
    const photos = set.identities.get(ids[a])!;
    if (photos.length < k) continue;
    out.eligible++;
    const { chosen, retakes, refusal } = choosePhotos(photos, k, rules);
    out.retakes += retakes;
    let enrolled = refusal ? { refusal } : enrollPhotos(chosen.map((i) => photos[i]), rules);
    let mismatchRetakes = 0;
    // ENROLL_MISMATCH names the photos far from the others: the person retakes the farthest (their next usable photo).
    while ('refusal' in enrolled && enrolled.outlier !== undefined) {
      const next = nextUsable(photos, Math.max(...chosen) + 1, rules);
      if (next === null) break;
      chosen[enrolled.outlier] = next;
      mismatchRetakes++;
      enrolled = enrollPhotos(chosen.map((i) => photos[i]), rules);
    }
    out.mismatchRetakes += mismatchRetakes;
    if ('refusal' in enrolled) {
      out.refusals[enrolled.refusal] = (out.refusals[enrolled.refusal] ?? 0) + 1;
      continue;
    }
    out.enrolled++;
    if (retakes === 0 && mismatchRetakes === 0) out.enrolledFirstK++;
    // As /verify: the first pass alone when it decides early (fused strategy only), else the flip-augmented template.
    const early = strategy === 'fused' ? earlyMatchFor(enrolled.template, rules.match, rules.templateCalibration) : undefined;
    const score = (probe: PhotoResult | null, kind: keyof Logins) => {
      if (!probe) return Infinity;
      const first = decidesEarly(probe.firstPass!, early);
      if (first) out.early[kind]++;
      return 1 - enrolled.template.cosine(first ? probe.firstPass! : probe.embedding!, strategy);
    };
    probes[a].forEach((probe, i) => {
      if (!chosen.includes(i)) out.logins.genuine.push(score(probe, 'genuine'));
    });
    for (let b = 0; b < ids.length; b++) if (b !== a) for (const probe of probes[b]) out.logins.impostor.push(score(probe, 'impostor'));
  }
  return out;
}

/** The verify rule on a raw decision distance, through the product's rounding and thresholds. */
export function acceptsLogin(rawDistance: number, rules: ProtocolRules): boolean {
  if (!Number.isFinite(rawDistance)) return false;
  return isMatch(reportComparison(comparisonOf(1 - rawDistance, rules.templateCalibration)), rules.match);
}

export interface ProtocolReport {
  enroll_success: number | null;
  /** Enrollment success without replacing any refused photo. */
  enroll_success_first_k: number | null;
  retakes: number;
  mismatch_retakes: number;
  tar_at_rule: number | null;
  far_at_rule: number | null;
  tar_at_far: { '1e-3': number | null; '1e-4': number | null };
  eer: number | null;
  eligible: number;
  enrolled: number;
  genuine_logins: number;
  impostor_logins: number;
  false_accepts: number;
  refusals: Record<string, number>;
  /** Logins decided on the recogniser's first pass alone (the early match). */
  early_logins: { genuine: number; impostor: number };
}

export function reportOutcome(outcome: KOutcome, rules: ProtocolRules): ProtocolReport {
  const genuine = sortedAscending(outcome.logins.genuine);
  const impostor = sortedAscending(outcome.logins.impostor);
  const accepted = (values: Float64Array) => values.reduce((n, d) => n + (acceptsLogin(d, rules) ? 1 : 0), 0);
  const falseAccepts = accepted(impostor);
  return {
    enroll_success: outcome.eligible ? outcome.enrolled / outcome.eligible : null,
    enroll_success_first_k: outcome.eligible ? outcome.enrolledFirstK / outcome.eligible : null,
    retakes: outcome.retakes,
    mismatch_retakes: outcome.mismatchRetakes,
    tar_at_rule: genuine.length ? accepted(genuine) / genuine.length : null,
    far_at_rule: impostor.length ? falseAccepts / impostor.length : null,
    tar_at_far: { '1e-3': tarAtFar(genuine, impostor, 1e-3), '1e-4': tarAtFar(genuine, impostor, 1e-4) },
    eer: equalErrorRate(genuine, impostor),
    eligible: outcome.eligible,
    enrolled: outcome.enrolled,
    genuine_logins: genuine.length,
    impostor_logins: impostor.length,
    false_accepts: falseAccepts,
    refusals: outcome.refusals,
    early_logins: outcome.early,
  };
}

/** Adds up outcomes (folds, or sets pooled). */
export function mergeOutcomes(outcomes: KOutcome[]): KOutcome {
  const out: KOutcome = { eligible: 0, enrolled: 0, enrolledFirstK: 0, retakes: 0, mismatchRetakes: 0, refusals: {}, logins: { genuine: [], impostor: [] }, early: { genuine: 0, impostor: 0 } };
  for (const o of outcomes) {
    out.early.genuine += o.early.genuine;
    out.early.impostor += o.early.impostor;
    out.eligible += o.eligible;
    out.enrolled += o.enrolled;
    out.enrolledFirstK += o.enrolledFirstK;
    out.retakes += o.retakes;
    out.mismatchRetakes += o.mismatchRetakes;
    for (const [code, n] of Object.entries(o.refusals)) out.refusals[code] = (out.refusals[code] ?? 0) + n;
    for (const d of o.logins.genuine) out.logins.genuine.push(d);
    for (const d of o.logins.impostor) out.logins.impostor.push(d);
  }
  return out;
}

const TARGET_FAR = 1e-4;

/**
 * The calibration of the N-sample decision: the smallest scale that puts `threshold` at FAR <= 1e-4 on every
 * set's impostor logins (sets too small to measure 1e-4 are skipped), then the equal-prior logistic fit.
 */
export function fitTemplateCalibration(outcomes: KOutcome[], threshold: number): Calibration {
  let distanceScale = 0;
  // The API rounds distances to 4 decimals before the rule: a distance under threshold + 0.00005 is accepted.
  const accepted = threshold + 0.00005;
  for (const o of outcomes) {
    const raw = thresholdAtFar(sortedAscending(o.logins.impostor), TARGET_FAR);
    // Rounded up: a larger scale makes every distance larger, so FAR at the threshold stays <= the target.
    if (raw !== null) distanceScale = Math.max(distanceScale, Math.ceil((accepted / raw) * 1e4) / 1e4);
  }
  if (distanceScale === 0) throw new Error('too few impostor logins to calibrate at FAR 1e-4');
  const pooled = mergeOutcomes(outcomes);
  const scaled = (values: number[]) => values.filter(Number.isFinite).map((d) => d * distanceScale);
  const fit = fitLogistic(scaled(pooled.logins.genuine), scaled(pooled.logins.impostor));
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { distanceScale, logistic: { a: round(fit.a), b: round(fit.b) } };
}

/** Identity-disjoint halves: every other identity in sorted order. */
export function fold(set: ProtocolSet, half: 0 | 1): (identity: string) => boolean {
  const order = new Map([...set.identities.keys()].sort().map((id, i) => [id, i % 2]));
  return (identity) => order.get(identity) === half;
}
