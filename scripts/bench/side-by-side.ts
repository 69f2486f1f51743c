// Several started APIs measured in the same run, in alternating rounds (the order reversed every other round),
// so that the machine's drift and other load fall on all of them alike; ratios are taken within a round and
// the median over the rounds is reported.
import { ApiUnderTest, LoadResult, pooled, summarise } from './api-server';
import { Run } from './http-load';
import { quantile, round } from './bench-support';

export interface RoundFigures {
  p50_c1_ms: number;
  verifies_per_s_c4: number;
  /** Server CPU (every thread) per verify, at concurrency 1 and 4. */
  cpu_ms_per_verify_c1: number | null;
  cpu_ms_per_verify_c4: number | null;
  rss_mb: number;
}

export interface VariantReport {
  label: string;
  rounds: RoundFigures[];
  c1: LoadResult;
  c4: LoadResult;
  rss_mb: { after_warmup: number; end: number };
  /** Median over the rounds of this variant's figure divided by the reference's in the same round. */
  ratios_to_reference: Record<keyof RoundFigures, number | null> | null;
}

const KEYS: Array<keyof RoundFigures> = ['p50_c1_ms', 'verifies_per_s_c4', 'cpu_ms_per_verify_c1', 'cpu_ms_per_verify_c4', 'rss_mb'];

/** variants[0] is the reference the others' ratios are taken to. */
export async function sideBySide(
  variants: ApiUnderTest[],
  { rounds, requestsC1, requestsC4, warmup }: { rounds: number; requestsC1: number; requestsC4: number; warmup: number },
): Promise<VariantReport[]> {
  const rssAfterWarmup: number[] = [];
  for (const v of variants) {
    await v.verify(4, warmup);
    rssAfterWarmup.push(v.rss());
  }
  const runs = variants.map(() => ({ c1: [] as Run[], c4: [] as Run[], rounds: [] as RoundFigures[] }));
  const perRound = (n: number) => Math.ceil(n / rounds);
  for (let r = 0; r < rounds; r++) {
    const order = variants.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const v = variants[i];
      const c1 = await v.verify(1, perRound(requestsC1));
      const c4 = await v.verify(4, perRound(requestsC4));
      runs[i].c1.push(c1);
      runs[i].c4.push(c4);
      const [s1, s4] = [summarise(c1), summarise(c4)];
      runs[i].rounds.push({
        p50_c1_ms: s1.latency_ms.p50,
        verifies_per_s_c4: s4.rps,
        cpu_ms_per_verify_c1: s1.server_cpu_ms_per_request,
        cpu_ms_per_verify_c4: s4.server_cpu_ms_per_request,
        rss_mb: v.rss(),
      });
      console.log(`round ${r + 1} ${v.label}: p50 c1 ${s1.latency_ms.p50} ms, ${s4.rps} verifies/s c4, CPU ${s4.server_cpu_ms_per_request} ms/verify, RSS ${v.rss()} MB`);
    }
  }
  const reference = runs[0].rounds;
  return variants.map((v, i) => ({
    label: v.label,
    rounds: runs[i].rounds,
    c1: summarise(pooled(runs[i].c1)),
    c4: summarise(pooled(runs[i].c4)),
    rss_mb: { after_warmup: rssAfterWarmup[i], end: v.rss() },
    ratios_to_reference: i === 0 ? null : Object.fromEntries(KEYS.map((k) => [k, medianRatio(runs[i].rounds.map((f) => f[k]), reference.map((f) => f[k]))])) as VariantReport['ratios_to_reference'],
  }));
}

function medianRatio(values: Array<number | null>, reference: Array<number | null>): number | null {
  const ratios = values.flatMap((v, r) => (v === null || reference[r] === null || reference[r] === 0 ? [] : [v / reference[r]]));
  return ratios.length === 0 ? null : round(quantile(ratios, 0.5), 3);
}

export function printSideBySide(reports: VariantReport[]): void {
  console.log('\n| server | p50 c1 ms | verifies/s c4 | CPU ms/verify c1 | CPU ms/verify c4 | RSS MB after warm-up / end | non-2xx |\n|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(`| ${r.label} | ${r.c1.latency_ms.p50} | ${r.c4.rps} | ${r.c1.server_cpu_ms_per_request} | ${r.c4.server_cpu_ms_per_request} | ${r.rss_mb.after_warmup} / ${r.rss_mb.end} | ${r.c1.non_2xx + r.c4.non_2xx} |`);
  }
  const reference = reports[0].label;
  for (const r of reports.slice(1)) {
    const q = r.ratios_to_reference!;
    console.log(`${r.label} / ${reference} (median of per-round ratios): p50 c1 ${q.p50_c1_ms}, verifies/s c4 ${q.verifies_per_s_c4}, CPU per verify c1 ${q.cpu_ms_per_verify_c1} and c4 ${q.cpu_ms_per_verify_c4}, RSS ${q.rss_mb}`);
  }
}
