import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { projectRoot } from '@faceauth/config';
import { createApp } from '../../apps/api/src/create-app';

/** The committed document, at the repository root. */
export const OPENAPI_FILE = join(projectRoot(), 'openapi.json');

/**
 * The document the code serves at /docs-json: boots the real application (default configuration, a
 * throw-away SQLite database, no Redis) on a loopback port and reads it over HTTP.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const dir = mkdtempSync(join(tmpdir(), 'faceauth-openapi-'));
  const app = await createApp({ databaseUrl: `sqlite:${join(dir, 'openapi.sqlite')}`, redisUrl: null, logLevel: 'silent' });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/docs-json`);
    if (!res.ok) throw new Error(`GET /docs-json answered ${res.status}`);
    return (await res.json()) as OpenAPIObject;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Keys sorted at every level so the file diffs well whatever order modules register in, except the
 * members of `properties`, whose order is the DTO's field order and reads best as written.
 */
export function sortDocument(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => sortDocument(item));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (parentKey !== 'properties') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, sortDocument(child, key)]));
}

/** The exact text of openapi.json for a document. */
export function formatDocument(document: OpenAPIObject): string {
  return JSON.stringify(sortDocument(document), null, 2) + '\n';
}
