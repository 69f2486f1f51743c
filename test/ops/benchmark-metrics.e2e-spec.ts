import { readFileSync } from 'node:fs';
import { drive, multipart } from '../../scripts/bench/http-load';
import { formatDelta, meanMs, metricsDelta, parseMetrics, scrapeMetrics, verifyTimeline, watchGauges } from '../../scripts/bench/metrics-delta';
import { registerAccount } from '../factories/accounts';
import { enroll, SHELDON } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-for-the-bench-0123';
// Enough load to span several scrapes of the gauge watcher: 6 verifies once finished between two 50 ms scrapes.
const VERIFIES = 30;

describe('The API benchmark\'s metrics delta (npm run bench:api)', () => {
  it('keeps the counters that moved and every watched gauge, with the mean of what the histograms observed', () => {
    const before = parseMetrics([
      '# HELP faceauth_http_requests_total HTTP requests answered',
      'faceauth_http_requests_total{method="POST",route="/api/v1/verify",status="200"} 1',
      'faceauth_http_requests_total{method="GET",route="/api/v1/usage/:api_key",status="200"} 3',
      'faceauth_http_request_duration_seconds_sum{method="POST",route="/api/v1/verify",status="200"} 0.05',
      'faceauth_inference_queue_depth 0',
    ].join('\n'));
    const after = parseMetrics([
      'faceauth_http_requests_total{method="POST",route="/api/v1/verify",status="200"} 5',
      'faceauth_http_requests_total{method="GET",route="/api/v1/usage/:api_key",status="200"} 3',
      'faceauth_http_request_duration_seconds_sum{method="POST",route="/api/v1/verify",status="200"} 0.25',
      'faceauth_inference_queue_depth 0',
    ].join('\n'));
    const rows = metricsDelta(before, after, new Map([['faceauth_inference_queue_depth', 3]]));
    expect(rows).toEqual([
      { metric: 'faceauth_http_requests_total', labels: 'method=POST,route=/api/v1/verify,status=200', before: 1, after: 5, delta: 4, note: 'mean 50 ms' },
      { metric: 'faceauth_inference_queue_depth', labels: '', before: 0, after: 0, delta: 0, note: 'max 3 under load' },
    ]);
    expect(formatDelta(rows).split('\n')).toEqual([
      '| metric | labels | before | after | delta | note |',
      '|---|---|---|---|---|---|',
      '| faceauth_http_requests_total | method=POST,route=/api/v1/verify,status=200 | 1 | 5 | 4 | mean 50 ms |',
      '| faceauth_inference_queue_depth |  | 0 | 0 | 0 | max 3 under load |',
    ]);
  });

  it("splits a verify's server time into its inference thread's run, the wait around it and the main thread's rest", () => {
    const verify = 'method="POST",route="/api/v1/verify",status="200"';
    const exposition = (verifies: number, httpSeconds: number, runSeconds: number, waitSeconds: number) =>
      parseMetrics([
        `faceauth_http_request_duration_seconds_sum{${verify}} ${httpSeconds}`,
        `faceauth_http_request_duration_seconds_count{${verify}} ${verifies}`,
        `faceauth_http_request_duration_seconds_count{method="POST",route="/api/v1/verify",status="404"} ${verifies * 3}`,
        `faceauth_inference_photo_seconds_sum{phase="run"} ${runSeconds}`,
        `faceauth_inference_photo_seconds_count{phase="run"} ${verifies}`,
        `faceauth_inference_photo_seconds_sum{phase="wait"} ${waitSeconds}`,
        `faceauth_inference_photo_seconds_count{phase="wait"} ${verifies}`,
      ].join('\n'));
    // 10 verifies between the scrapes: 0.2 s over HTTP, 0.15 s on the threads, 0.01 s waiting.
    const before = exposition(5, 0.1, 0.07, 0.005);
    const after = exposition(15, 0.3, 0.22, 0.015);
    expect(meanMs(before, after, 'faceauth_inference_photo_seconds', { phase: 'run' })).toBe(15);
    expect(verifyTimeline(before, after)).toEqual({ server_ms: 20, inference_run_ms: 15, inference_wait_ms: 1, main_thread_ms: 4 });
    // Nothing observed between the scrapes, or no such series: no figure rather than a division by zero.
    expect(verifyTimeline(after, after)).toEqual({ server_ms: null, inference_run_ms: null, inference_wait_ms: null, main_thread_ms: null });
    expect(meanMs(before, after, 'faceauth_no_such_histogram', {})).toBeNull();
  });

  describe('against a started server', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ metricsToken: TOKEN });
    });
    afterAll(() => t.close());

    it(`shows HTTP, inference stage and process CPU counters moving under ${VERIFIES} verifies driven as the benchmark drives them`, async () => {
      const account = await registerAccount(t.http);
      await enroll(t.http, account.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
      const form = multipart({ name: 'sheldon' }, { field: 'image', name: 'photo.jpg', type: 'image/jpeg', data: readFileSync(SHELDON[3]) });
      const headers = { 'content-type': form.contentType, 'x-api-key': account.apiKey };
      const scrape = () => scrapeMetrics(t.baseUrl, TOKEN);

      const before = await scrape();
      const gauges = watchGauges(scrape, 20);
      const run = await drive(`${t.baseUrl}/api/v1/verify`, headers, form.body, 2, VERIFIES, process.pid);
      const peaks = await gauges.stop();
      const after = await scrape();
      const rows = metricsDelta(before, after, peaks);

      expect(run).toMatchObject({ non2xx: 0, errors: 0 });
      const row = (metric: string, labels = '') => rows.find((r) => r.metric === metric && r.labels === labels);
      expect(row('faceauth_http_requests_total', 'method=POST,route=/api/v1/verify,status=200')).toMatchObject({ delta: VERIFIES, note: expect.stringMatching(/^mean [\d.]+ ms$/) });
      for (const stage of ['decode', 'detect', 'landmarks', 'align', 'embed', 'embedModel']) {
        expect(row('faceauth_inference_stage_duration_seconds_count', `stage=${stage}`)).toMatchObject({ delta: VERIFIES, note: expect.stringMatching(/^mean [\d.]+ ms$/) });
      }
      for (const phase of ['run', 'wait']) {
        expect(row('faceauth_inference_photo_seconds_count', `phase=${phase}`)).toMatchObject({ delta: VERIFIES, note: expect.stringMatching(/^mean [\d.]+ ms$/) });
      }
      expect(row('faceauth_process_cpu_seconds_total')!.delta).toBeGreaterThan(0);
      expect(row('faceauth_inference_worker_utilization')!.after).toBeGreaterThan(0);
      expect(row('faceauth_inference_queue_depth')).toMatchObject({ note: expect.stringMatching(/^max \d+ under load$/) });
      expect(row('faceauth_inference_admitted_requests')).toMatchObject({ note: expect.stringMatching(/^max [12] under load$/) });
      expect(rows.some((r) => r.metric === 'faceauth_http_errors_total')).toBe(false);
      // The split adds up, and each part is real time: the photos' runs, some wait, some main-thread work.
      const split = verifyTimeline(before, after);
      expect(split.inference_run_ms).toBeGreaterThan(0);
      expect(split.inference_wait_ms).toBeGreaterThan(0);
      expect(split.main_thread_ms).toBeGreaterThan(0);
      expect(split.server_ms! - split.inference_run_ms! - split.inference_wait_ms! - split.main_thread_ms!).toBeCloseTo(0, 1);
      expect(formatDelta(rows)).toContain(`| faceauth_http_requests_total | method=POST,route=/api/v1/verify,status=200 | 0 | ${VERIFIES} | ${VERIFIES} |`);
    });
  });
});
