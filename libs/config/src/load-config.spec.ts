import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig, loadDotEnv } from './load-config';

describe(loadConfig.name, () => {
  it('reads the defaults of config/ with the contract values', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('sqlite:data/faceauth.sqlite');
    expect(config.redisUrl).toBeNull();
    expect(config.plans.free).toEqual({ perMinute: 100, perMonth: 1000 });
    expect(config.plans.pro).toEqual({ perMinute: 1000, perMonth: 10000 });
    expect(config.plans.enterprise).toEqual({ perMinute: 10000, perMonth: null });
    expect(config.match).toEqual({ distanceThreshold: 0.42, confidenceThreshold: 85, template: 'fused', earlyMatchMargin: 0.05 });
    expect(config.enrollment).toMatchObject({ consistencyThreshold: 0.51, reenrollThreshold: 0.45 });
    expect(config.calibration.template.distanceScale).toBeGreaterThan(0);
    expect(config.uploads.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(config.uploads.maxPixels).toBe(40_000_000);
    expect(config.inference.minEyeDistancePx).toBe(20);
  });

  it('applies environment overrides with types', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://r:6379', MATCH_DISTANCE_THRESHOLD: '0.5' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', redisUrl: 'redis://r:6379' });
    expect(config.match.distanceThreshold).toBe(0.5);
  });

  it('reads registration and database settings, with REGISTRATION=open|closed', () => {
    expect(loadConfig({}).registration).toEqual({ open: true, perWindow: 5, windowMs: 3_600_000 });
    expect(loadConfig({}).database).toEqual({ busyTimeoutMs: 2000 });
    const config = loadConfig({ REGISTRATION: 'closed', REGISTRATION_RATE_LIMIT: '20', REGISTRATION_RATE_LIMIT_WINDOW_MS: '60000', DATABASE_BUSY_TIMEOUT_MS: '500' });
    expect(config.registration).toEqual({ open: false, perWindow: 20, windowMs: 60_000 });
    expect(config.database.busyTimeoutMs).toBe(500);
    expect(() => loadConfig({ REGISTRATION: 'no' })).toThrow(/REGISTRATION="no" must be "open" or "closed"/);
  });

  it('reads the onnxruntime session options, with true|false switches, and refuses an unknown optimisation level', () => {
    expect(loadConfig({}).inference.session).toEqual({ intraOpThreads: 1, graphOptimization: 'all', executionMode: 'sequential', allowSpinning: false, memArena: true, memPattern: true });
    const config = loadConfig({ INFERENCE_INTRA_OP_THREADS: '2', INFERENCE_GRAPH_OPTIMIZATION: 'extended', INFERENCE_SPINNING: 'true', INFERENCE_MEM_ARENA: 'false' });
    expect(config.inference.session).toMatchObject({ intraOpThreads: 2, graphOptimization: 'extended', allowSpinning: true, memArena: false });
    expect(() => loadConfig({ INFERENCE_SPINNING: 'yes' })).toThrow(/INFERENCE_SPINNING="yes" must be "true" or "false"/);
    expect(loadConfig({}).inference.pixelKernels).toBe('native');
    expect(loadConfig({ INFERENCE_PIXEL_KERNELS: 'javascript' }).inference.pixelKernels).toBe('javascript');
    expect(() => loadConfig({ INFERENCE_PIXEL_KERNELS: 'wasm' })).toThrow(/INFERENCE_PIXEL_KERNELS/);
    expect(() => loadConfig({ INFERENCE_GRAPH_OPTIMIZATION: 'max' })).toThrow(/INFERENCE_GRAPH_OPTIMIZATION/);
  });

  it('writes in-process usage 10 ms after the response unless USAGE_RECORD_DELAY_MS says otherwise (0 to 1000)', () => {
    expect(loadConfig({}).usage.recordDelayMs).toBe(10);
    expect(loadConfig({ USAGE_RECORD_DELAY_MS: '0' }).usage.recordDelayMs).toBe(0);
    expect(() => loadConfig({ USAGE_RECORD_DELAY_MS: '5000' })).toThrow(/USAGE_RECORD_DELAY_MS \(usage.recordDelayMs\): recordDelayMs must not be greater than 1000/);
    expect(() => loadConfig({ USAGE_RECORD_DELAY_MS: '-1' })).toThrow(/USAGE_RECORD_DELAY_MS/);
  });

  it('loads the PRelu-free fp32 recogniser unless INFERENCE_RECOGNISER_MODEL names another file', () => {
    expect(loadConfig({}).inference.recogniserModel).toBe('fr_feature.prelu-free.onnx');
    expect(loadConfig({ INFERENCE_RECOGNISER_MODEL: 'fr_feature.int8.onnx' }).inference.recogniserModel).toBe('fr_feature.int8.onnx');
  });

  it('reads MATCH_EARLY_MARGIN as a number, or off', () => {
    expect(loadConfig({ MATCH_EARLY_MARGIN: '0.1' }).match.earlyMatchMargin).toBe(0.1);
    expect(loadConfig({ MATCH_EARLY_MARGIN: 'off' }).match.earlyMatchMargin).toBeNull();
    expect(() => loadConfig({ MATCH_EARLY_MARGIN: 'soon' })).toThrow(/MATCH_EARLY_MARGIN="soon" is not a number/);
    expect(() => loadConfig({ MATCH_EARLY_MARGIN: '-0.1' })).toThrow(/MATCH_EARLY_MARGIN \(match\.earlyMatchMargin\)/);
  });

  it('treats an empty REDIS_URL as no Redis', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
  });

  it('applies programmatic overrides last, deeply', () => {
    const config = loadConfig({ PORT: '8080' }, { port: 9000, match: { confidenceThreshold: 90 } });
    expect(config.port).toBe(9000);
    expect(config.match).toEqual({ distanceThreshold: 0.42, confidenceThreshold: 90, template: 'fused', earlyMatchMargin: 0.05 });
  });

  it('stops with every problem listed when values are invalid', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc" is not a number/);
    expect(() => loadConfig({ PORT: '70000', MATCH_CONFIDENCE_THRESHOLD: '150' })).toThrow(ConfigValidationError);
    try {
      loadConfig({ PORT: '70000', MATCH_CONFIDENCE_THRESHOLD: '150' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT \(port\): port must not be greater than 65535/);
      expect((error as Error).message).toMatch(/MATCH_CONFIDENCE_THRESHOLD \(match\.confidenceThreshold\)/);
      expect((error as ConfigValidationError).problems.every((line) => !line.includes('\n'))).toBe(true);
    }
  });

  it('refuses a DATABASE_URL of another scheme with one line naming the variable, never the rest of the URL', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/faceauth' });
      throw new Error('loadConfig accepted mysql://');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as ConfigValidationError).problems).toEqual(['DATABASE_URL (databaseUrl): must start with postgres://, postgresql:// or sqlite: (got "mysql:...")']);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('treats empty values as unset, as in a .env copied from .env.example', () => {
    expect(loadConfig({ FACEAUTH_CONFIG_DIR: '', FACEAUTH_SECRET: '', PUBLIC_URL: '', REDIS_URL: '', METRICS_TOKEN: '' })).toMatchObject({ secret: null, redisUrl: null, metricsToken: null });
  });

  it('rejects unknown keys in overrides', () => {
    expect(() => loadConfig({}, { prot: 1 })).toThrow(/prot/);
  });

  it('sizes the inference queue at 8 requests per worker thread unless INFERENCE_MAX_QUEUE says otherwise', () => {
    expect(loadConfig({}).inference.maxQueue).toBe(16);
    expect(loadConfig({ INFERENCE_CONCURRENCY: '4' }).inference.maxQueue).toBe(32);
    expect(loadConfig({ INFERENCE_MAX_QUEUE: '5' }).inference.maxQueue).toBe(5);
    expect(() => loadConfig({ INFERENCE_MAX_QUEUE: '0' })).toThrow(/inference\.maxQueue/);
  });

  it('gives requests 10 s to finish on shutdown unless SHUTDOWN_GRACE_MS says otherwise', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(10000);
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '2500' }).shutdownGraceMs).toBe(2500);
  });

  describe('secret and public URL', () => {
    const strong = 'x'.repeat(32);

    it('defaults publicUrl to localhost on the configured port, without a trailing slash when given', () => {
      expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
      expect(loadConfig({ PUBLIC_URL: 'https://auth.example.com/' }).publicUrl).toBe('https://auth.example.com');
      expect(() => loadConfig({ PUBLIC_URL: 'auth.example.com' })).toThrow(/PUBLIC_URL/);
    });

    it('reads FACEAUTH_SECRET and the login token lifetime', () => {
      const config = loadConfig({ FACEAUTH_SECRET: strong, LOGIN_TOKEN_TTL_SECONDS: '30' });
      expect(config.secret).toBe(strong);
      expect(config.loginTokens.ttlSeconds).toBe(30);
      expect(loadConfig({}).loginTokens.ttlSeconds).toBe(60);
      expect(() => loadConfig({ LOGIN_TOKEN_TTL_SECONDS: '61' })).toThrow(/loginTokens\.ttlSeconds/);
    });

    it('lets development start without a secret, never production', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).secret).toBeNull();
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/FACEAUTH_SECRET must be set/);
      expect(() => loadConfig({ NODE_ENV: 'production', FACEAUTH_SECRET: '' })).toThrow(/FACEAUTH_SECRET must be set/);
      expect(loadConfig({ NODE_ENV: 'production', FACEAUTH_SECRET: strong }).secret).toBe(strong);
    });

    it('refuses a short secret with one line naming the variable, not the value', () => {
      const short = 'short-secret-value';
      let message = '';
      try {
        loadConfig({ NODE_ENV: 'production', FACEAUTH_SECRET: short });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigValidationError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/FACEAUTH_SECRET \(secret\) must be at least 32 characters/);
      expect(message).not.toContain(short);
      expect(message.split('\n')).toHaveLength(2);
    });
  });

  describe(loadDotEnv.name, () => {
    it('reads a .env file into the environment, the environment winning, and does nothing without one', () => {
      const dir = mkdtempSync(join(tmpdir(), 'faceauth-env-'));
      const file = join(dir, '.env');
      writeFileSync(file, 'FACEAUTH_TEST_FROM_FILE=file\nFACEAUTH_TEST_BOTH=file\n# a comment\n');
      process.env.FACEAUTH_TEST_BOTH = 'environment';
      try {
        expect(loadDotEnv(file)).toBe(file);
        expect(process.env.FACEAUTH_TEST_FROM_FILE).toBe('file');
        expect(process.env.FACEAUTH_TEST_BOTH).toBe('environment');
        expect(loadDotEnv(join(dir, 'absent.env'))).toBeNull();
      } finally {
        delete process.env.FACEAUTH_TEST_FROM_FILE;
        delete process.env.FACEAUTH_TEST_BOTH;
      }
    });
  });
});
