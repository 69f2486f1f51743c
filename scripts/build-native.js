#!/usr/bin/env node
// Builds the C++ pixel kernels (libs/inference/native) with the node-gyp that npm ships, against the Node
// headers npm is configured with (npm_config_nodedir): run by `postinstall`, or `npm run build:native`.
// A machine without a C++ compiler still installs: the engine then runs the JavaScript kernels, which give
// the same results more slowly, and logs why at start-up. FACEAUTH_REQUIRE_NATIVE=1 makes a failure fatal (CI).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const dir = join(__dirname, '..', 'libs', 'inference', 'native');

function nodeGyp() {
  // npm sets npm_config_node_gyp for its lifecycle scripts; outside them, look beside the npm that runs node.
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file && existsSync(file));
}

/** The headers of the running Node when npm names none: node-gyp would otherwise download them. */
function nodeDir() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

const gyp = nodeGyp();
const result = gyp
  ? spawnSync(process.execPath, [gyp, 'rebuild', '--loglevel=warn', ...nodeDir()], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  : { status: 1, stdout: '', stderr: 'node-gyp not found (neither npm_config_node_gyp nor npm\'s own copy)' };
if (result.status === 0) {
  console.log('native pixel kernels built: libs/inference/native/build/Release/pixel_kernels.node');
} else {
  const output = `${result.stdout ?? ''}${result.stderr ?? result.error?.message ?? ''}`.trim().split('\n').slice(-15).join('\n');
  console.warn(`native pixel kernels not built; the engine will use the JavaScript kernels (same results, slower):\n${output}`);
  if (process.env.FACEAUTH_REQUIRE_NATIVE === '1') process.exit(1);
}
