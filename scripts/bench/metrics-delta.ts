// GET /metrics before and after a benchmark's load: which counters moved, and by how much.

/** Every sample of a Prometheus text exposition, keyed `name{labels}` as printed (`name` alone without labels). */
export type Samples = Map<string, number>;

/** What the delta table shows. Counters and histogram counts: the rows that moved; gauges: always. */
const COUNTERS = [
  'faceauth_http_requests_total',
  'faceauth_http_errors_total',
  'faceauth_inference_stage_duration_seconds_count',
  'faceauth_inference_photo_seconds_count',
  'faceauth_login_sessions_started_total',
  'faceauth_login_attempts_total',
  'faceauth_process_cpu_seconds_total',
];
export const GAUGES = ['faceauth_inference_queue_depth', 'faceauth_inference_admitted_requests', 'faceauth_inference_worker_utilization', 'faceauth_process_resident_memory_bytes'];
/** A count's row also shows the mean of the seconds observed meanwhile, from the histogram `_sum` of the same labels. */
const MEAN_OF: Record<string, string> = {
  faceauth_http_requests_total: 'faceauth_http_request_duration_seconds_sum',
  faceauth_inference_stage_duration_seconds_count: 'faceauth_inference_stage_duration_seconds_sum',
  faceauth_inference_photo_seconds_count: 'faceauth_inference_photo_seconds_sum',
};

export interface DeltaRow {
  metric: string;
  labels: string;
  before: number;
  after: number;
  delta: number;
  /** The mean of what a histogram observed between the scrapes, or the highest value a gauge showed under load. */
  note: string;
}

const SAMPLE = /^([A-Za-z_:][\w:]*)(\{.*\})?\s+(\S+)/;

export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (match) samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return samples;
}

/** GET /metrics with the bearer token (METRICS_TOKEN), parsed. */
export async function scrapeMetrics(baseUrl: string, token: string): Promise<Samples> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: is METRICS_TOKEN set on the server?`);
  return parseMetrics(await res.text());
}

const nameOf = (key: string) => key.split('{')[0];
const labelsOf = (key: string) => (key.includes('{') ? key.slice(key.indexOf('{') + 1, -1).replace(/"/g, '') : '');
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
/** Milliseconds per observation: how far the histogram's `_sum` series `sumKey` moved, over `count` observations. */
const msPerObservation = (before: Samples, after: Samples, sumKey: string, count: number) => round((((after.get(sumKey) ?? 0) - (before.get(sumKey) ?? 0)) / count) * 1000, 2);

/**
 * The watched counters that moved between two scrapes, then the watched gauges' values; `peaks` holds the highest
 * value of each gauge seen while the load ran (see watchGauges).
 */
export function metricsDelta(before: Samples, after: Samples, peaks: Map<string, number> = new Map()): DeltaRow[] {
  const rows: DeltaRow[] = [];
  for (const metric of COUNTERS) {
    for (const [key, value] of after) {
      if (nameOf(key) !== metric) continue;
      const delta = value - (before.get(key) ?? 0);
      if (delta === 0) continue;
      let note = '';
      const sum = MEAN_OF[metric];
      if (sum) {
        note = `mean ${msPerObservation(before, after, key.replace(metric, sum), delta)} ms`;
      }
      rows.push({ metric, labels: labelsOf(key), before: round(before.get(key) ?? 0), after: round(value), delta: round(delta), note });
    }
  }
  for (const metric of GAUGES) {
    if (!after.has(metric)) continue;
    const peak = peaks.get(metric);
    rows.push({ metric, labels: '', before: round(before.get(metric) ?? 0), after: round(after.get(metric)!), delta: round(after.get(metric)! - (before.get(metric) ?? 0)), note: peak === undefined ? '' : `max ${round(peak)} under load` });
  }
  return rows;
}

/** The mean in ms of what histogram `name` observed between two scrapes, on its series with these labels (null: none). */
export function meanMs(before: Samples, after: Samples, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const key = [...after.keys()].find((k) => nameOf(k) === `${name}_count` && wanted.every((label) => k.includes(label)));
  if (!key) return null;
  const count = after.get(key)! - (before.get(key) ?? 0);
  return count > 0 ? msPerObservation(before, after, key.replace(`${name}_count`, `${name}_sum`), count) : null;
}

/**
 * Where a verify's time went on the server between two scrapes (means, ms): the whole request, the photo on its
 * inference thread, its wait around that (queue and thread hand-offs), and the rest: the request's own work on
 * the main thread (middleware, key, limits, upload parsing, lookups, answer).
 */
export function verifyTimeline(before: Samples, after: Samples) {
  const server = meanMs(before, after, 'faceauth_http_request_duration_seconds', { method: 'POST', route: '/api/v1/verify', status: '200' });
  const run = meanMs(before, after, 'faceauth_inference_photo_seconds', { phase: 'run' });
  const wait = meanMs(before, after, 'faceauth_inference_photo_seconds', { phase: 'wait' });
  const mainThread = server === null || run === null || wait === null ? null : round(server - run - wait, 2);
  return { server_ms: server, inference_run_ms: run, inference_wait_ms: wait, main_thread_ms: mainThread };
}

/** The rows as a Markdown table. */
export function formatDelta(rows: DeltaRow[]): string {
  const lines = ['| metric | labels | before | after | delta | note |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.metric} | ${r.labels} | ${r.before} | ${r.after} | ${r.delta} | ${r.note} |`);
  return lines.join('\n');
}

/**
 * Scrapes every `intervalMs` while a load runs and keeps each watched gauge's highest value: a queue is empty
 * again by the time the load is over. `stop()` ends the sampling and returns the peaks.
 */
export function watchGauges(scrape: () => Promise<Samples>, intervalMs = 500): { stop(): Promise<Map<string, number>> } {
  const peaks = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const samples = await scrape();
      for (const gauge of GAUGES) {
        const value = samples.get(gauge);
        if (value !== undefined) peaks.set(gauge, Math.max(value, peaks.get(gauge) ?? -Infinity));
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peaks;
    },
  };
}
