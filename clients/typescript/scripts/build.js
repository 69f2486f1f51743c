#!/usr/bin/env node
// `npm run build` (and `prepack`): dist/cjs (CommonJS) and dist/esm (ES modules, marked by its own package.json),
// each with its declarations. Sources import with `.js` extensions, which both outputs keep as written.
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const client = join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [client] });

rmSync(join(client, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.cjs.json', 'tsconfig.esm.json']) {
  const run = spawnSync(process.execPath, [tsc, '-p', join(client, config)], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
writeFileSync(join(client, 'dist', 'esm', 'package.json'), '{\n  "type": "module"\n}\n');
