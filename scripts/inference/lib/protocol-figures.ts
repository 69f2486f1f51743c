import { outlyingPhotos, qualityProblem } from '@faceauth/face-matching';
import { PhotoResult } from './embedding-cache';
import { photoRefusal, ProtocolReport, ProtocolRules, ProtocolSet, runProtocol } from './protocol';

const pct = (v: number | null, digits = 1) => (v === null ? '-' : `${(v * 100).toFixed(digits)}%`);

/** Markdown: per set and K, enrollment success, TAR and FAR at the rule, TAR at FAR, EER, with the counts. */
export function formatProtocolTable(reports: Record<string, Record<string, ProtocolReport>>): string {
  const lines = [
    '| dataset | K | enrolled | first K as taken | photos replaced (refused alone / not matching) | genuine logins | impostor logins | TAR at rule | FAR at rule (accepts) | TAR@FAR 1e-3 | TAR@FAR 1e-4 | EER | enrollment refusals | decided on the first pass (genuine / impostor) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, byK] of Object.entries(reports)) {
    for (const [k, r] of Object.entries(byK)) {
      const refusals = Object.entries(r.refusals).map(([code, n]) => `${code} ${n}`).join(', ') || '-';
      lines.push(
        `| ${name} | ${k} | ${r.enrolled}/${r.eligible} (${pct(r.enroll_success)}) | ${pct(r.enroll_success_first_k)} | ${r.retakes} / ${r.mismatch_retakes} | ${r.genuine_logins} | ${r.impostor_logins} | ` +
          `${pct(r.tar_at_rule)} | ${r.far_at_rule === null ? '-' : r.far_at_rule.toExponential(1)} (${r.false_accepts}) | ` +
          `${pct(r.tar_at_far['1e-3'])} | ${pct(r.tar_at_far['1e-4'])} | ${pct(r.eer, 2)} | ${refusals} | ${r.early_logins.genuine} / ${r.early_logins.impostor} |`,
      );
    }
  }
  return lines.join('\n');
}

function combinations3(n: number, cap: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) for (let k = j + 1; k < n && out.length < cap; k++) out.push([i, j, k]);
  return out;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];

/**
 * The measurements behind the enrollment thresholds on every set:
 * - consistency: the largest distance of a photo to the other two's fused template, for genuine 3-photo sets (every triple of an identity's usable photos,
 *   at most 120 per identity) and of sets mixing two people (an identity's first two usable photos with the first
 *   of every other identity), with the pass and refusal rates at candidate thresholds and at the configured one;
 * - re-enrollment: the N-sample distance of each further photo against the first 3 (genuine) and of every other
 *   identity's photos (impostor), as /verify computes it;
 * - quality: percentiles of each measure over the usable photos, and how many the configured limits refuse.
 */
export function thresholdFigures(sets: ProtocolSet[], rules: ProtocolRules): { text: string; json: Record<string, unknown> } {
  const json: Record<string, unknown> = {};
  const lines: string[] = ['### Enrollment thresholds', ''];
  const candidates = [0.45, 0.48, 0.5, 0.51, 0.52, 0.53, 0.55, 0.58, rules.consistencyThreshold].filter((v, i, a) => a.indexOf(v) === i).sort();
  lines.push("Consistency (each photo's pair distance to the fused template of the other two, the largest of the 3): genuine sets passing / mixed sets refused", '');
  lines.push(`| dataset | genuine sets | mixed sets | ${candidates.map((c) => `t=${c}${c === rules.consistencyThreshold ? ' (configured)' : ''}`).join(' | ')} |`);
  lines.push(`|---|---|---|${candidates.map(() => '---').join('|')}|`);
  const maxDistance = (photos: PhotoResult[]) =>
    Math.max(...outlyingPhotos(photos.map((p, i) => ({ field: String(i), embedding: p.embedding! })), rules.pairCalibration, -Infinity).map((p) => p.distance));
  const consistency: Record<string, unknown> = {};
  for (const set of sets) {
    const usable = [...set.identities.values()].map((photos) => photos.filter((p) => photoRefusal(p, rules) === null));
    const genuine: number[] = [];
    const mixed: number[] = [];
    usable.forEach((photos, a) => {
      for (const [i, j, k] of combinations3(photos.length, 120)) genuine.push(maxDistance([photos[i], photos[j], photos[k]]));
      if (photos.length < 2) return;
      usable.forEach((other, b) => {
        if (b !== a && other.length > 0) mixed.push(maxDistance([photos[0], photos[1], other[0]]));
      });
    });
    if (genuine.length === 0 || mixed.length === 0) continue;
    const pass = (t: number) => genuine.filter((d) => d <= t).length / genuine.length;
    const refused = (t: number) => mixed.filter((d) => d > t).length / mixed.length;
    lines.push(`| ${set.name} | ${genuine.length} | ${mixed.length} | ${candidates.map((t) => `${pct(pass(t))} / ${pct(refused(t), 2)}`).join(' | ')} |`);
    consistency[set.name] = { genuine_sets: genuine.length, mixed_sets: mixed.length, at_configured: { genuine_pass: pass(rules.consistencyThreshold), mixed_refused: refused(rules.consistencyThreshold) } };
  }
  json.consistency = consistency;

  lines.push('', 'Re-enrollment (N-sample distance to the first 3 photos, as /verify computes it): genuine passing / impostor refused', '');
  const reCandidates = [0.42, 0.45, 0.5, 0.55, 0.6];
  lines.push(`| dataset | genuine | impostor | ${reCandidates.map((t) => `t=${t}`).join(' | ')} |`, `|---|---|---|${reCandidates.map(() => '---').join('|')}|`);
  const reenroll: Record<string, unknown> = {};
  for (const set of sets) {
    const outcome = runProtocol(set, 3, rules, rules.match.template);
    const scale = rules.templateCalibration.distanceScale;
    const genuine = outcome.logins.genuine.filter(Number.isFinite).map((d) => d * scale);
    const impostor = outcome.logins.impostor.filter(Number.isFinite).map((d) => d * scale);
    if (genuine.length === 0) continue;
    const row = reCandidates.map((t) => `${pct(genuine.filter((d) => d <= t).length / genuine.length)} / ${pct(impostor.filter((d) => d > t).length / impostor.length, 3)}`);
    lines.push(`| ${set.name} | ${genuine.length} | ${impostor.length} | ${row.join(' | ')} |`);
    reenroll[set.name] = { genuine: genuine.length, impostor: impostor.length };
  }
  json.reenroll = reenroll;

  lines.push('', 'Quality of the usable photos (faces of the minimum size): percentiles, and refusals at the configured limits', '');
  const photos = sets.flatMap((s) => [...s.identities.values()].flat()).filter((p) => !p.error && (p.eyeDistance ?? 0) >= rules.minEyeDistancePx);
  const measures = ['sharpness', 'brightness', 'overexposed', 'yaw', 'embeddingNorm', 'flipCosine'] as const;
  lines.push('| measure | 0.1% | 0.5% | 1% | 50% | 99% | 99.5% | 99.9% |', '|---|---|---|---|---|---|---|---|');
  for (const m of measures) {
    const values = photos.map((p) => (m === 'yaw' ? Math.abs(p.quality![m]) : p.quality![m])).filter((v): v is number => v !== null).sort((a, b) => a - b);
    lines.push(`| ${m} | ${[0.001, 0.005, 0.01, 0.5, 0.99, 0.995, 0.999].map((q) => quantile(values, q).toFixed(3)).join(' | ')} |`);
  }
  const refusedBy: Record<string, number> = {};
  for (const p of photos) {
    const problem = qualityProblem(p.quality!, rules.quality);
    if (problem) refusedBy[problem.check] = (refusedBy[problem.check] ?? 0) + 1;
  }
  const refusedTotal = Object.values(refusedBy).reduce((a, b) => a + b, 0);
  lines.push('', `LOW_QUALITY at the configured limits: ${refusedTotal} of ${photos.length} usable photos (${pct(refusedTotal / photos.length, 2)}): ${JSON.stringify(refusedBy)}`);
  json.quality = { photos: photos.length, refused: refusedTotal, by_check: refusedBy };
  return { text: lines.join('\n'), json };
}
