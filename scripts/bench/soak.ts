// npm run bench:soak [-- --verifies 5000] [--chunk 500] [--no-build] [--json FILE]
//                     [--variants 'label:NAME=value,...;label:...'] (one server per variant, one after the other)
// Is the API's memory flat under load? Starts the built API (as bench:api does: embedded defaults, temp SQLite),
// warms it with 200 verifies, then sends `--verifies` POST /verify at concurrency 4 in chunks, reading the server's
// RSS from /proc after each chunk. Flat means the last chunks add nothing: the growth over the second half is
// printed beside the growth over the first.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '@faceauth/config';
import { startApi } from './api-server';
import { BENCH_PHOTO, parseVariants, round } from './bench-support';
import { defaultDataDir } from '../inference/lib/cli';

const root = projectRoot();

interface SoakResult {
  label: string;
  env: Record<string, string>;
  rss_mb: Array<{ verifies: number; rss: number }>;
  growth_first_half_mb: number;
  growth_second_half_mb: number;
}

async function soak(label: string, env: Record<string, string>, photo: Buffer, verifies: number, chunk: number): Promise<SoakResult> {
  const api = await startApi(label, root, photo, { env });
  try {
    await api.verify(4, 200);
    const samples = [{ verifies: 0, rss: api.rss() }];
    for (let done = 0; done < verifies; done += chunk) {
      const run = await api.verify(4, chunk);
      if (run.errors + run.non2xx > 0) throw new Error(`${label}: ${run.errors + run.non2xx} verifies failed`);
      samples.push({ verifies: done + chunk, rss: api.rss() });
      console.log(`${label}: ${done + chunk} verifies, RSS ${samples[samples.length - 1].rss} MB`);
    }
    const at = (fraction: number) => samples[Math.round(fraction * (samples.length - 1))].rss;
    return { label, env, rss_mb: samples, growth_first_half_mb: round(at(0.5) - at(0), 1), growth_second_half_mb: round(at(1) - at(0.5), 1) };
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const args = parseArgs({ options: { verifies: { type: 'string' }, chunk: { type: 'string' }, 'no-build': { type: 'boolean' }, json: { type: 'string' }, variants: { type: 'string' } } }).values;
  const verifies = Number(args.verifies ?? 5000);
  const chunk = Number(args.chunk ?? 500);
  if (!args['no-build']) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const photo = readFileSync(join(defaultDataDir(), BENCH_PHOTO));
  const results: SoakResult[] = [];
  for (const { label, env } of args.variants ? parseVariants(args.variants) : [{ label: 'default', env: {} }]) results.push(await soak(label, env, photo, verifies, chunk));
  for (const r of results) {
    console.log(`${r.label}: RSS ${r.rss_mb[0].rss} MB after warm-up -> ${r.rss_mb[r.rss_mb.length - 1].rss} MB after ${verifies} verifies; +${r.growth_first_half_mb} MB over the first half, +${r.growth_second_half_mb} MB over the second`);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), verifies, chunk, results }, null, 2) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
