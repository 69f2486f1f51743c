#!/usr/bin/env node
// `npm run lint:openapi`: Redocly CLI's recommended rules (redocly.yaml beside this file) on openapi.json.
// Runs offline: no telemetry, no update check. Extra arguments go to `redocly lint` (e.g. --format json).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const cli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

/** Runs the linter; returns its exit status, stdout and stderr. */
function lintOpenApi(extraArgs = [], stdio = 'pipe') {
  const result = spawnSync(
    process.execPath,
    [cli, 'lint', join(root, 'openapi.json'), '--config', join(__dirname, 'redocly.yaml'), '--max-problems', '1000', ...extraArgs],
    {
      cwd: root,
      stdio,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    },
  );
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

module.exports = { lintOpenApi };

if (require.main === module) {
  process.exit(lintOpenApi(process.argv.slice(2), 'inherit').status ?? 1);
}
