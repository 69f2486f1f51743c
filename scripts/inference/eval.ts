// npm run eval -- --data DIR --out FILE.json [--only a,b] [--slice lfw_gray_crops=200,celeba_dev=30] [--parallel 2]
// Embeds every image of each dataset once, scores all same- and cross-identity pairs, prints a table and
// writes the report (rates are fractions in 0..1; *_at_threshold apply the contract's rule with config/calibration.json).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir, parseSlices, startService } from './lib/cli';
import { evaluate, formatTable, ruleOf } from './lib/evaluate';

async function main(): Promise<void> {
  const args = parseArgs({ options: {
    data: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
    slice: { type: 'string' },
    parallel: { type: 'string' },
  } }).values;
  const { service, config } = await startService({}, true);
  const result = await evaluate(service, ruleOf(config), {
    dataDir: args.data ?? defaultDataDir(),
    only: args.only?.split(','),
    maxIdentities: parseSlices(args.slice),
    parallel: Number(args.parallel ?? 2),
    log: (line) => console.error(line),
  });
  console.log(formatTable(result));
  if (args.out) {
    writeFileSync(args.out, JSON.stringify({ datasets: result.datasets, noface: result.noface }, null, 2) + '\n');
    console.log(`\nwritten to ${args.out}`);
  }
  await service.onModuleDestroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
