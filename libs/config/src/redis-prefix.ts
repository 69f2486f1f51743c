import { createHash } from 'node:crypto';
import { AppConfig } from './app-config';

/**
 * Prefix of every Redis key FaceAuth writes. Unless configured, it is derived from the database URL:
 * counters and queued events refer to rows of one database, so API processes sharing a database share
 * them, and apps on different databases (parallel test suites) never see each other's keys.
 */
export function redisPrefix(config: AppConfig): string {
  if (config.usage.redisPrefix) return config.usage.redisPrefix;
  return `faceauth:${createHash('sha256').update(config.databaseUrl).digest('hex').slice(0, 12)}`;
}
