import { readFileSync } from 'node:fs';
import { drive, multipart } from '../../scripts/bench/http-load';
import { formatDelta, metricsDelta, parseMetrics, scrapeMetrics, watchGauges } from '../../scripts/bench/metrics-delta';
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
      const rows = metricsDelta(before, await scrape(), peaks);

      expect(run).toMatchObject({ non2xx: 0, errors: 0 });
      const row = (metric: string, labels = '') => rows.find((r) => r.metric === metric && r.labels === labels);
      expect(row('faceauth_http_requests_total', 'method=POST,route=/api/v1/verify,status=200')).toMatchObject({ delta: VERIFIES, note: expect.stringMatching(/^mean [\d.]+ ms$/) });
      for (const stage of ['decode', 'detect', 'landmarks', 'align', 'embed', 'embedModel']) {
        expect(row('faceauth_inference_stage_duration_seconds_count', `stage=${stage}`)).toMatchObject({ delta: VERIFIES, note: expect.stringMatching(/^mean [\d.]+ ms$/) });
      }
      expect(row('faceauth_process_cpu_seconds_total')!.delta).toBeGreaterThan(0);
      expect(row('faceauth_inference_worker_utilization')!.after).toBeGreaterThan(0);
      expect(row('faceauth_inference_queue_depth')).toMatchObject({ note: expect.stringMatching(/^max \d+ under load$/) });
      expect(row('faceauth_inference_admitted_requests')).toMatchObject({ note: expect.stringMatching(/^max [12] under load$/) });
      expect(rows.some((r) => r.metric === 'faceauth_http_errors_total')).toBe(false);
      expect(formatDelta(rows)).toContain(`| faceauth_http_requests_total | method=POST,route=/api/v1/verify,status=200 | 0 | ${VERIFIES} | ${VERIFIES} |`);
    });
  });
});
