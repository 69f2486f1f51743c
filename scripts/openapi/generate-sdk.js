#!/usr/bin/env node
// `npm run sdk`: regenerates clients/typescript/src/schema.ts from openapi.json with openapi-typescript,
// then type-checks and builds the client (clients/typescript/dist: cjs and esm). Same input, same output: safe to re-run.
// `--check` writes nothing: it exits 1 when schema.ts is not what openapi.json generates (the drift test).
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { spawnSync } = require('node:child_process');
const ts = require('typescript');

const root = join(__dirname, '..', '..');
const client = join(root, 'clients', 'typescript');
const SCHEMA_FILE = join(client, 'src', 'schema.ts');

/** The TypeScript text generated from a document: file fields (`format: binary`) typed as Blob. */
async function generateSchemaSource(document) {
  const { default: openapiTS, astToString, COMMENT_HEADER } = require('openapi-typescript');
  const ast = await openapiTS(document, {
    transform(schemaObject) {
      if (schemaObject.format === 'binary') return ts.factory.createTypeReferenceNode('Blob');
    },
  });
  return `${COMMENT_HEADER.trimEnd()}\n// Source: openapi.json. Regenerate with \`npm run sdk\` (or \`npm run openapi\`).\n\n${astToString(ast)}`;
}

async function main(check) {
  const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
  const source = await generateSchemaSource(document);
  if (check) {
    const upToDate = readFileSync(SCHEMA_FILE, 'utf8') === source;
    console.log(upToDate ? 'schema.ts is up to date' : `${relative(root, SCHEMA_FILE)} was not generated from openapi.json: run \`npm run sdk\``);
    process.exit(upToDate ? 0 : 1);
  }
  writeFileSync(SCHEMA_FILE, source);
  console.log(`${relative(root, SCHEMA_FILE)} written`);
  const build = spawnSync(process.execPath, [join(client, 'scripts', 'build.js')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`${relative(root, join(client, 'dist'))} built`);
}

main(process.argv.includes('--check')).catch((error) => {
  console.error(error);
  process.exit(1);
});
