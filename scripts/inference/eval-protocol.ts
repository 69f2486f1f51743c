// npm run eval:protocol -- [--data DIR] [--out FILE.json] [--only a,b] [--slice set=N] [--k 1,2,3]
//                           [--strategies closest,fused,blend] [--cv] [--fit] [--thresholds]
// The product's decision on identity folders: enroll each identity from its first K photos with the enrollment
// rules, every other photo of it a genuine login, every photo of every other identity an impostor login, the
// verify rule of the configuration. Every photo is run through the engine once (cached under the temp folder).
//   --strategies  compare template strategies (each with a calibration fitted for it on the same data)
//   --cv          identity-disjoint 2-fold cross-validation of the N-sample calibration (fit on one half, report on the other)
//   --fit         fit the N-sample calibration on all identities (K = 3) and write it to config/calibration.json
//   --thresholds  the figures behind the enrollment thresholds (consistency, re-enrollment, quality)
//   --noface      false faces on the no-face set (scripts/inference/noface-images.sh plus every `noface` folder)
//   --audited     leave out the photos an audit found mislabelled (lib/label-errors.json)
//   --doc         write what it printed into the eval:protocol block of docs/accuracy.md
import { projectRoot } from '@faceauth/config';
import { TemplateStrategy } from '@faceauth/face-matching';
import { InferenceService } from '@faceauth/inference';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, parseSlices, startService } from './lib/cli';
import { readLayout } from './lib/datasets';
import { embedCached } from './lib/embedding-cache';
import { packagedNofaceImages } from './lib/noface-set';
import { fitTemplateCalibration, fold, KOutcome, mergeOutcomes, ProtocolReport, ProtocolRules, protocolRulesOf, ProtocolSet, reportOutcome, runProtocol } from './lib/protocol';
import { formatProtocolTable, thresholdFigures } from './lib/protocol-figures';
import { withProtocolBlock } from './lib/accuracy-doc';

type Reports = Record<string, Record<string, ProtocolReport>>;

async function main(): Promise<void> {
  const args = parseArgs({ options: {
    data: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' }, slice: { type: 'string' }, k: { type: 'string' },
    strategies: { type: 'string' }, cv: { type: 'boolean' }, doc: { type: 'boolean' }, fit: { type: 'boolean' }, thresholds: { type: 'boolean' }, noface: { type: 'boolean' }, parallel: { type: 'string' }, audited: { type: 'boolean' },
  } }).values;
  const log = (line: string) => console.error(line);
  const { service, config } = await startService({}, true);
  const layout = readLayout(args.data ?? defaultDataDir(), { only: args.only?.split(','), maxIdentities: parseSlices(args.slice), audited: args.audited });
  const sets: ProtocolSet[] = [];
  for (const set of layout.identitySets) {
    const items = [...set.identities].flatMap(([identity, paths]) => paths.map((path) => ({ identity, path })));
    const photos = await embedCached(service, set.name, items, { parallel: Number(args.parallel ?? 2), log });
    const identities = new Map<string, typeof photos>();
    for (const p of photos) identities.set(p.identity, [...(identities.get(p.identity) ?? []), p]);
    sets.push({ name: set.name, identities });
  }
  let noface: { text: string; json: Record<string, unknown> } | null = null;
  if (args.noface) noface = await nofaceFigures(service, layout.noface, sets, Number(args.parallel ?? 2), log);
  await service.onModuleDestroy();
  const ks = (args.k ?? '1,2,3').split(',').map(Number);
  const rules = protocolRulesOf(config);
  const output: Record<string, unknown> = {};
  const sections: string[] = [];
  const print = (text: string) => {
    console.log(text);
    sections.push(text);
  };

  if (args.fit) {
    const calibration = fitTemplateCalibration(sets.map((s) => runProtocol(s, 3, rules, rules.match.template)), rules.match.distanceThreshold);
    const file = join(projectRoot(), 'config', 'calibration.json');
    const current = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...current, template: calibration }, null, 2) + '\n');
    rules.templateCalibration = calibration;
    log(`N-sample calibration (${rules.match.template}, K = 3, all identities) written to ${file}: ${JSON.stringify(calibration)}`);
  }

  const evaluate = (r: ProtocolRules, strategy: TemplateStrategy): Reports =>
    Object.fromEntries(sets.map((s) => [s.name, Object.fromEntries(ks.map((k) => [String(k), reportOutcome(runProtocol(s, k, r, strategy), r)]))]));
  const reports = evaluate(rules, rules.match.template);
  print(`### At the shipped rule (${rules.match.template}, committed calibration)\n\n${formatProtocolTable(reports)}\n`);
  output.datasets = reports;

  if (args.strategies) {
    const compared: Record<string, Reports> = {};
    for (const strategy of args.strategies.split(',') as TemplateStrategy[]) {
      const fitted = { ...rules, templateCalibration: fitTemplateCalibration(sets.map((s) => runProtocol(s, 3, rules, strategy)), rules.match.distanceThreshold) };
      compared[strategy] = evaluate(fitted, strategy);
      print(`### Strategy ${strategy} (calibration fitted for it: ${JSON.stringify(fitted.templateCalibration)})\n\n${formatProtocolTable(compared[strategy])}\n`);
    }
    output.strategies = compared;
  }

  if (args.cv) {
    const perSet: Record<string, Record<string, KOutcome[]>> = {};
    const fits = [];
    for (const half of [0, 1] as const) {
      const fitOn = (s: ProtocolSet) => fold(s, half);
      const calibration = fitTemplateCalibration(sets.map((s) => runProtocol(s, 3, rules, rules.match.template, fitOn(s))), rules.match.distanceThreshold);
      fits.push(calibration);
      const held = { ...rules, templateCalibration: calibration };
      for (const s of sets) {
        for (const k of ks) {
          ((perSet[s.name] ??= {})[k] ??= []).push(runProtocol(s, k, held, rules.match.template, fold(s, half === 0 ? 1 : 0)));
        }
      }
      // Each held-out half is reported with the calibration of the other; the two halves are then added up.
      for (const s of sets) for (const k of ks) perSet[s.name][k][perSet[s.name][k].length - 1] = withRule(perSet[s.name][k].at(-1)!, held);
    }
    const cv: Reports = Object.fromEntries(
      Object.entries(perSet).map(([name, byK]) => [name, Object.fromEntries(Object.entries(byK).map(([k, outcomes]) => [k, reportFolds(outcomes)]))]),
    );
    print(`### Cross-validated (identity-disjoint halves; fits ${fits.map((f) => JSON.stringify(f)).join(' and ')})\n\n${formatProtocolTable(cv)}\n`);
    output.cross_validated = cv;
  }

  if (args.thresholds) {
    const figures = thresholdFigures(sets, rules);
    print(figures.text);
    output.thresholds = figures.json;
  }

  if (noface) {
    print(noface.text);
    output.noface = noface.json;
  }

  if (args.doc) {
    const file = join(projectRoot(), 'docs', 'accuracy.md');
    const intro = [
      '## The product\'s decision: enrollment and N-sample verify (`npm run eval:protocol`)',
      '',
      `Generated by \`npm run eval:protocol -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 10)}. Each identity enrolls`,
      'from its first K photos with the enrollment rules of the configuration (a photo refused on its own, which the',
      'answer names, is replaced by the next photo, as a person told which photo failed would do; so is the photo an',
      'ENROLL_MISMATCH names as farthest from the others; "first K as taken" counts the enrollments that needed no',
      'replacement, and a replaced photo stays a genuine login); every other photo of it is a genuine login, every photo of',
      'every other identity of the set an impostor login; a login photo without a usable face is a reject. The code',
      'that decides is the product\'s own (`@faceauth/face-matching`), with /verify\'s early match: a login whose',
      'recogniser first pass alone clears the rule by `match.earlyMatchMargin` is scored on that pass (the last column',
      'counts them; only the fused strategy has it).',
      '',
    ].join('\n');
    writeFileSync(file, withProtocolBlock(readFileSync(file, 'utf8'), intro + '\n' + sections.join('\n\n')));
  }

  if (args.out) {
    writeFileSync(args.out, JSON.stringify(output, null, 2) + '\n');
    console.log(`written to ${args.out}`);
  }
}

/**
 * Every photo of the no-face set through the engine as /verify runs it ('largest'): any template is a false face.
 * The Debian packages' images: lib/noface-set.ts.
 */
async function nofaceFigures(service: InferenceService, folders: string[], sets: ProtocolSet[], parallel: number, log: (line: string) => void) {
  const packaged = packagedNofaceImages();
  const items = [...packaged, ...folders].map((path) => ({ path, identity: 'none' }));
  const results = await embedCached(service, 'noface', items, { parallel, log });
  const falseFaces = results.filter((r) => !r.error);
  const plausibility = (r: { reason?: string }) => r.reason?.startsWith('the detected face is not plausible') ?? false;
  const devPhotos = sets.flatMap((s) => [...s.identities.values()].flat());
  const devLost = devPhotos.filter(plausibility).length;
  const text = [
    '### No false faces',
    '',
    `No-face set: ${items.length} images (${packaged.length} from Debian's wallpaper and texture packages, ${folders.length} of the shared noface folder).`,
    `False faces (a template made): **${falseFaces.length}**${falseFaces.length ? `: ${falseFaces.map((r) => r.path.split('/').slice(-2).join('/')).join(', ')}` : ''}; ` +
      `refused as implausible after detection: ${results.filter(plausibility).length}.`,
    `Development photos refused as implausible: ${devLost} of ${devPhotos.length} (${((devLost / devPhotos.length) * 100).toFixed(2)}%).`,
  ].join('\n');
  return { text, json: { images: items.length, false_faces: falseFaces.length, refused_implausible: results.filter(plausibility).length, dev_photos: devPhotos.length, dev_refused_implausible: devLost } };
}

/** A held-out fold's outcome with the rule it is to be judged by (its rates are computed before merging). */
interface JudgedOutcome extends KOutcome {
  rules: ProtocolRules;
}

function withRule(outcome: KOutcome, rules: ProtocolRules): JudgedOutcome {
  return { ...outcome, rules };
}

/** The two held-out halves, each judged by its own calibration, added up (counts summed, rates recomputed). */
function reportFolds(outcomes: KOutcome[]): ProtocolReport {
  const judged = outcomes as JudgedOutcome[];
  const reports = judged.map((o) => reportOutcome(o, o.rules));
  const pooled = reportOutcome(mergeOutcomes(outcomes), judged[0].rules);
  const sum = (f: (r: ProtocolReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const genuineAccepted = sum((r) => (r.tar_at_rule ?? 0) * r.genuine_logins);
  return {
    ...pooled,
    tar_at_rule: pooled.genuine_logins ? Math.round(genuineAccepted) / pooled.genuine_logins : null,
    false_accepts: sum((r) => r.false_accepts),
    far_at_rule: pooled.impostor_logins ? sum((r) => r.false_accepts) / pooled.impostor_logins : null,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
