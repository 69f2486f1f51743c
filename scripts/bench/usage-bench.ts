// npm run bench:usage [-- --json FILE] [--rows 1000000] [--requests 2000] [--postgres URL] [--port N] [--no-build]
// GET /usage with a large call log. Builds the API, starts `node dist/apps/api/src/main.js` (in-process queue) on a
// temp SQLite database (or, with --postgres URL, a scratch database created on that server and dropped after),
// registers one account, then seeds ROWS logged calls spread evenly over the last 90 days for it with one bulk
// INSERT ... SELECT in the database (not through HTTP), plus the matching daily aggregates. Then drives GET /usage
// with autocannon: a fixed number of requests at concurrency 1, then at concurrency 4.
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { autocannon, freePort, quantile, round, setupFetch, waitForApi } from './bench-support';
import { createScratchDatabase } from './scratch-postgres';
import { projectRoot } from '@faceauth/config';
import { databaseKind, ormOptions } from '@faceauth/database';
import { ENTITIES } from '../../apps/api/src/entities';

const DAYS = 90;
const WARM_UP = 200;
const root = projectRoot();

/**
 * ROWS calls of one account, newest now and oldest 90 days ago, generated inside the database: one in 20
 * fails with NO_FACE, endpoints rotate. Then the daily aggregates the recorder would have written.
 */
async function seed(url: string, accountId: number, keyId: number, rows: number): Promise<number> {
  const orm = await MikroORM.init(ormOptions(url, ENTITIES, root));
  const connection = orm.em.getConnection();
  const now = Date.now();
  const stepMs = (DAYS * 86_400_000 - 60_000) / rows;
  const started = performance.now();
  const columns = 'event_id, request_id, account_id, key_id, endpoint, status_code, success, error_code, latency_ms, created_at';
  const values = (n: string, createdAt: string, success: string) => `'bench-' || ${n}, 'bench-' || ${n}, ${accountId}, ${keyId},
      case ${n} % 3 when 0 then 'enroll' when 1 then 'verify' else 'match' end,
      case when ${n} % 20 = 0 then 422 else 200 end, ${success},
      case when ${n} % 20 = 0 then 'NO_FACE' end, 40 + ${n} % 300, ${createdAt}`;
  try {
    if (databaseKind(url) === 'sqlite') {
      await connection.execute(
        `insert into usage_call_logs (${columns})
         with recursive seq(n) as (select 0 union all select n + 1 from seq where n < ${rows - 1})
         select ${values('n', `cast(${now} - n * ${stepMs} as integer)`, `case when n % 20 = 0 then 0 else 1 end`)} from seq`,
      );
      await connection.execute(
        `insert into usage_daily (account_id, day, calls, successes)
         select account_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), count(*), sum(success)
         from usage_call_logs where account_id = ${accountId} group by 2`,
      );
      await connection.execute('analyze');
    } else {
      await connection.execute(
        `insert into usage_call_logs (${columns})
         select ${values('n', `to_timestamp((${now} - n * ${stepMs}) / 1000.0)`, 'n % 20 <> 0')} from generate_series(0, ${rows - 1}) as n`,
      );
      await connection.execute(
        `insert into usage_daily (account_id, day, calls, successes)
         select account_id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD'), count(*), sum(case when success then 1 else 0 end)
         from usage_call_logs where account_id = ${accountId} group by 1, 2`,
      );
      await connection.execute('analyze usage_call_logs; analyze usage_daily');
    }
    return round((performance.now() - started) / 1000, 1);
  } finally {
    await orm.close(true);
  }
}

async function drive(url: string, key: string, connections: number, amount: number) {
  const latencies: number[] = [];
  const started = performance.now();
  const instance = autocannon({ url, headers: { 'x-api-key': key }, connections, amount, timeout: 30 });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode === 200) latencies.push(responseTime);
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  return {
    connections,
    requests: latencies.length,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rps: round(latencies.length / seconds),
    latency_ms: {
      p50: round(quantile(latencies, 0.5)),
      p90: round(quantile(latencies, 0.9)),
      p99: round(quantile(latencies, 0.99)),
      max: round(Math.max(...latencies)),
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      json: { type: 'string' },
      rows: { type: 'string' },
      requests: { type: 'string' },
      postgres: { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  }).values;
  const rows = Number(args.rows ?? 1_000_000);
  const requests = Number(args.requests ?? 2000);

  if (!args['no-build']) {
    console.log('building (npm run build) ...');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const scratch = mkdtempSync(join(tmpdir(), 'faceauth-bench-usage-'));
  const pg = args.postgres ? await createScratchDatabase(args.postgres) : null;
  const databaseUrl = pg?.url ?? `sqlite:${join(scratch, 'bench.sqlite')}`;
  const port = Number(args.port ?? (await freePort()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  delete env.REDIS_URL;
  const server = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(createWriteStream(join(scratch, 'api.log')));
  server.stderr.pipe(process.stderr);
  try {
    await waitForApi(baseUrl, server, { healthy: false });
    const registered = await setupFetch(`${baseUrl}/api/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `bench-${randomBytes(4).toString('hex')}@example.com`, name: 'Bench' }),
    }).then((r) => r.json());
    const key: string = registered.api_key;
    const accountId: number = registered.user.id;

    console.log(`seeding ${rows.toLocaleString('en')} calls over ${DAYS} days (${databaseKind(databaseUrl)}) ...`);
    const seedSeconds = await seed(databaseUrl, accountId, accountId, rows);
    console.log(`  ${seedSeconds} s`);

    const url = `${baseUrl}/api/v1/usage`;
    const check = await setupFetch(url, { headers: { 'x-api-key': key } }).then((r) => r.json());
    if (check.usage?.total_calls !== rows || check.recent_logs?.length !== 20 || check.daily_usage?.length !== 30) {
      throw new Error(`unexpected /usage answer: ${JSON.stringify(check.usage)}`);
    }
    await drive(url, key, 4, WARM_UP);
    console.log(`concurrency 1: ${requests} requests ...`);
    const c1 = await drive(url, key, 1, requests);
    console.log(`concurrency 4: ${requests} requests ...`);
    const c4 = await drive(url, key, 4, requests);

    const report = {
      environment: { cpu: cpus()[0]?.model, cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30, 1), node: process.version },
      database: databaseKind(databaseUrl),
      seeded_calls: rows,
      days: DAYS,
      seed_seconds: seedSeconds,
      usage_answer: { total_calls: check.usage.total_calls, monthly_calls: check.usage.monthly_calls, success_rate: check.usage.success_rate },
      http_usage: { c1, c4 },
      targets: { p50_at_most_20_ms: c1.latency_ms.p50 <= 20 },
    };
    console.log('\n| concurrency | requests | p50 ms | p90 ms | p99 ms | req/s | non-2xx |\n|---|---|---|---|---|---|---|');
    for (const r of [c1, c4]) {
      console.log(`| ${r.connections} | ${r.requests} | ${r.latency_ms.p50} | ${r.latency_ms.p90} | ${r.latency_ms.p99} | ${r.rps} | ${r.non_2xx} |`);
    }
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
    if (c1.non_2xx + c4.non_2xx + c1.errors + c4.errors > 0 || !report.targets.p50_at_most_20_ms) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await pg?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
