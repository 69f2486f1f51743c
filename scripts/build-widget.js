#!/usr/bin/env node
// Builds the embeddable login widget (libs/widget/browser) into one minified IIFE, dist/widget/widget.js.
// Also used by WidgetModule when the API runs from source, so both share these options.
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const browserDir = join(root, 'libs', 'widget', 'browser');
const OUT_FILE = join(root, 'dist', 'widget', 'widget.js');
// Guided capture in two languages; gzipped it is about 9 KB.
const SIZE_BUDGET_BYTES = 28 * 1024;

/** The bundled, minified widget as a string. */
function bundleWidget() {
  const result = require('esbuild').buildSync({
    entryPoints: [join(browserDir, 'index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2018'],
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0].text;
}

function main() {
  // esbuild strips types without checking them.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(browserDir, 'tsconfig.json')], { stdio: 'inherit' });
  const code = bundleWidget();
  const bytes = Buffer.byteLength(code);
  if (bytes > SIZE_BUDGET_BYTES) throw new Error(`widget.js is ${bytes} bytes, over the ${SIZE_BUDGET_BYTES}-byte budget`);
  mkdirSync(join(OUT_FILE, '..'), { recursive: true });
  writeFileSync(OUT_FILE, code);
  console.log(`widget: ${OUT_FILE} (${bytes} bytes)`);
}

module.exports = { bundleWidget, OUT_FILE };

if (require.main === module) main();
