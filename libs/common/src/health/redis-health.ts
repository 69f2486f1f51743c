/**
 * Whether the configured Redis answers, for /health and /health/ready. The usage module provides it when
 * REDIS_URL is set (it owns the connections); declared here so that health does not depend on usage.
 */
export abstract class RedisHealth {
  /** Resolves quickly (well under a second) whatever Redis does. */
  abstract check(): Promise<'ok' | 'unreachable'>;
}
