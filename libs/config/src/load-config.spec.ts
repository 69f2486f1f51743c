import { ConfigValidationError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('reads the defaults of config/ with the contract values', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('sqlite:data/faceauth.sqlite');
    expect(config.redisUrl).toBeNull();
    expect(config.plans.free).toEqual({ perMinute: 100, perMonth: 1000 });
    expect(config.plans.pro).toEqual({ perMinute: 1000, perMonth: 10000 });
    expect(config.plans.enterprise).toEqual({ perMinute: 10000, perMonth: null });
    expect(config.match).toEqual({ distanceThreshold: 0.42, confidenceThreshold: 85, template: 'fused' });
    expect(config.enrollment).toMatchObject({ consistencyThreshold: 0.55, reenrollThreshold: 0.45 });
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

  it('treats an empty REDIS_URL as no Redis', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
  });

  it('applies programmatic overrides last, deeply', () => {
    const config = loadConfig({ PORT: '8080' }, { port: 9000, match: { confidenceThreshold: 90 } });
    expect(config.port).toBe(9000);
    expect(config.match).toEqual({ distanceThreshold: 0.42, confidenceThreshold: 90, template: 'fused' });
  });

  it('stops with every problem listed when values are invalid', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc" is not a number/);
    expect(() => loadConfig({ PORT: '70000', MATCH_CONFIDENCE_THRESHOLD: '150' })).toThrow(ConfigValidationError);
    try {
      loadConfig({ PORT: '70000', MATCH_CONFIDENCE_THRESHOLD: '150' });
    } catch (error) {
      expect((error as Error).message).toMatch(/port: port must not be greater than 65535/);
      expect((error as Error).message).toMatch(/match\.confidenceThreshold/);
    }
  });

  it('rejects unknown keys in overrides', () => {
    expect(() => loadConfig({}, { prot: 1 })).toThrow(/prot/);
  });
});
