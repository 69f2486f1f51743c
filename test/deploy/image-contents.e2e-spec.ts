import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What can be checked of the image without a Docker engine: the build context (.dockerignore applied to the
 * repository's files and the usual local folders), the Dockerfile's instructions, and docker-compose.yml's
 * structure. Building and running the image is not done here (see README, "Operations").
 */
const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions per stage, continuation lines joined, comments dropped. */
function dockerfileStages(text: string): Instruction[][] {
  const joined = text.replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of joined.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages[stages.length - 1].push({ op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') });
  }
  return stages;
}

/** .dockerignore semantics for the patterns used here: `*`, `**`, a leading `!`, a match on any parent folder. */
function ignored(path: string, patterns: string[]): boolean {
  let out = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(
      '^' +
        pattern
          .split('**')
          .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
          .join('.*')
          .replace(/\.\*\//g, '(.*/)?') +
        '(/.*)?$',
    );
    if (regex.test(path)) out = !negate;
  }
  return out;
}

/** The small YAML subset docker-compose.yml keeps to: block maps and lists, JSON flow values, plain scalars. */
function parseYaml(text: string): any {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() && !l.trim().startsWith('#'));
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const scalar = (value: string): unknown => (/^["[{]/.test(value) ? JSON.parse(value) : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
  let i = 0;
  const block = (indent: number): any => {
    const list = lines[i].trim().startsWith('- ');
    const out: any = list ? [] : {};
    while (i < lines.length && indentOf(lines[i]) >= indent) {
      if (indentOf(lines[i]) > indent) throw new Error(`unexpected indentation: ${lines[i]}`);
      const line = lines[i++].trim();
      if (list) {
        if (!line.startsWith('- ')) throw new Error(`a map entry inside a list: ${line}`);
        out.push(scalar(line.slice(2)));
        continue;
      }
      const [, key, value] = /^([^:\s][^:]*):(?:\s+(.*))?$/.exec(line) ?? [];
      if (!key) throw new Error(`not a map entry: ${line}`);
      if (key in out) throw new Error(`duplicate key ${key}`);
      out[key] = value !== undefined ? scalar(value) : i < lines.length && indentOf(lines[i]) > indent ? block(indentOf(lines[i])) : null;
    }
    return out;
  };
  return block(0);
}

describe('The Docker image and the compose file', () => {
  const patterns = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  // The repository's files plus what a working copy holds beside them.
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const local = ['.git/HEAD', 'node_modules/pino/package.json', 'dist/apps/api/src/main.js', 'data/faceauth.sqlite', 'data/.faceauth-secret', 'models/.cache/faceplugin-face-recognition-js-0.0.1.tgz', 'models/fr_detect.onnx', '.env', 'coverage/lcov.info', 'libs/inference/native/build/Release/pixel_kernels.node'];
  const context = [...tracked, ...local].filter((path) => !ignored(path, patterns));
  const stages = dockerfileStages(read('Dockerfile'));
  const [build, runtime] = stages;

  it('leaves .git, node_modules, data, the models and their tarball cache, local builds, secrets and the tests out of the build context', () => {
    for (const path of local) expect(context).not.toContain(path);
    expect(context.filter((path) => /^(test|clients|docs)\//.test(path) || path.endsWith('.spec.ts'))).toEqual([]);
    // ...and keeps what the build needs.
    for (const path of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'models/manifest.json', 'models/fetch-models.js', 'config/default.json', 'apps/api/src/main.ts', 'scripts/build-widget.js', 'libs/widget/browser/index.ts']) {
      expect(context).toContain(path);
    }
  });

  it('compiles native modules against the base image\'s Node headers (npm_config_nodedir) before npm ci', () => {
    const env = build.findIndex((i) => i.op === 'ENV' && /\bnpm_config_nodedir=\/usr\/local\b/.test(i.args));
    const install = build.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(env).toBeGreaterThan(-1);
    expect(install).toBeGreaterThan(env);
    // Every file or folder the build stage copies before `COPY . .` is in the context.
    for (const copy of build.filter((i) => i.op === 'COPY' && !i.args.startsWith('. '))) {
      const sources = copy.args.split(' ').filter((arg) => !arg.startsWith('--')).slice(0, -1);
      for (const source of sources) expect([source, context.some((path) => path === source || path.startsWith(`${source}/`))]).toEqual([source, true]);
    }
  });

  it('builds the pixel kernels at npm ci (sources copied first, a failure fatal) and ships the addon where the engine loads it', () => {
    const install = build.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const copied = build.slice(0, install).filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copied).toContain('scripts/build-native.js scripts/');
    expect(copied).toContain('libs/inference/native libs/inference/native/');
    expect(context).toEqual(expect.arrayContaining(['libs/inference/native/binding.gyp', 'libs/inference/native/src/kernels.cc']));
    expect(build.slice(0, install).some((i) => i.op === 'ENV' && /\bFACEAUTH_REQUIRE_NATIVE=1\b/.test(i.args))).toBe(true);
    expect(JSON.parse(read('package.json')).scripts.postinstall).toContain('scripts/build-native.js');
    // The engine loads it from the project root (pixel-kernels-native.ts); the runtime stage's root is WORKDIR /app.
    const loaded = /join\(projectRoot\(\), '([^']+)'\)/.exec(read('libs/inference/src/pixel-kernels-native.ts'))![1];
    const copy = runtime.find((i) => i.op === 'COPY' && i.args.includes('pixel_kernels.node'))!.args.split(' ');
    expect(copy[copy.length - 2]).toBe(`/app/${loaded}`);
    expect(`${copy[copy.length - 1]}pixel_kernels.node`).toBe(loaded);
  });

  it('deletes the macOS and Windows binaries of onnxruntime-node, leaving only Linux ones', () => {
    const removed = build.filter((i) => i.op === 'RUN' && /\brm -rf\b/.test(i.args)).map((i) => i.args).join(' ');
    const bin = join(ROOT, 'node_modules/onnxruntime-node/bin');
    const platforms = readdirSync(bin).flatMap((napi) => readdirSync(join(bin, napi)).map((platform) => `node_modules/onnxruntime-node/bin/${napi}/${platform}`));
    const kept = platforms.filter((dir) => !removed.split(' ').some((path) => ignored(dir, [path])));
    expect(platforms.length).toBeGreaterThan(kept.length);
    expect(kept.map((dir) => dir.split('/').pop())).toEqual(['linux']);
  });

  it('copies into the build stage only files that exist in the repository (the models script and its helpers)', () => {
    const sources = build.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(' ').slice(0, -1));
    expect(sources).toContain('models/fetch-models.js');
    for (const source of sources.filter((arg) => !arg.startsWith('--') && !/[*?]/.test(arg))) expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
  });

  it('ships only the models the API loads, runs as a non-root user and has a health check', () => {
    const loaded = [...read('libs/inference/src/onnx-inference.service.ts').matchAll(/^\s+\w+: '([\w.-]+\.onnx)',$/gm)].map((m) => m[1]);
    expect(loaded).toHaveLength(4);
    const modelCopies = runtime.filter((i) => i.op === 'COPY' && /\bmodels\/?$/.test(i.args));
    const copied = modelCopies.flatMap((i) => i.args.split(' ').filter((arg) => arg.endsWith('.onnx')).map((arg) => arg.split('/').pop()));
    expect(copied.sort()).toEqual(loaded.sort());
    expect(runtime.some((i) => i.op === 'COPY' && /models\/\.cache|\/app\/models /.test(i.args))).toBe(false);
    for (const file of loaded) expect(existsSync(join(ROOT, 'models', file))).toBe(true);

    const user = runtime.filter((i) => i.op === 'USER').pop();
    expect(user).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.findIndex((i) => i.op === 'USER')).toBeGreaterThan(runtime.findIndex((i) => i.op === 'RUN'));
    expect(runtime.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/health/ready');
    expect(runtime.find((i) => i.op === 'CMD')?.args).toContain('dist/apps/api/src/main.js');
  });

  it('runs two API replicas on PostgreSQL and Redis with health checks, volumes, FACEAUTH_SECRET and PUBLIC_URL', () => {
    const compose = parseYaml(read('docker-compose.yml'));
    const { api, postgres, redis } = compose.services;
    expect(api.deploy.replicas).toBe(2);
    expect(api.build).toBe('.');
    expect(api.ports).toBeUndefined();
    expect(api.environment.DATABASE_URL).toMatch(/^postgres:\/\/faceauth:.*@postgres:5432\/faceauth$/);
    expect(api.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(api.environment.FACEAUTH_SECRET).toMatch(/^\$\{FACEAUTH_SECRET:\?/);
    expect(api.environment.PUBLIC_URL).toMatch(/^\$\{PUBLIC_URL:\?/);
    expect(api.environment.NODE_ENV).toBe('production');
    expect(api.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    for (const service of [api, postgres, redis]) expect(service.healthcheck.test[0]).toBe('CMD');
    expect(api.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'redis-data']));
    for (const [name, service] of Object.entries<any>(compose.services)) {
      for (const volume of service.volumes ?? []) expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
      expect(name).toMatch(/^[a-z-]+$/);
    }
  });
});
