import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument, generateOpenApiDocument, OPENAPI_FILE } from '../../scripts/openapi/document';

const REGENERATE = 'Run `npm run openapi` and commit openapi.json and clients/typescript/src/schema.ts.';

/** JSON pointers where two documents differ (at most `max`), to say what changed. */
function differences(a: unknown, b: unknown, path = '', out: string[] = [], max = 15): string[] {
  if (out.length >= max) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) differences((a as any)[key], (b as any)[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out, max);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(path || '/');
  }
  return out;
}

describe('openapi.json', () => {
  let generated: string;
  let committed: string;

  beforeAll(async () => {
    generated = formatDocument(await generateOpenApiDocument());
    committed = readFileSync(OPENAPI_FILE, 'utf8');
  });

  it('is the document the code serves at /docs-json', () => {
    if (generated !== committed) {
      const where = differences(JSON.parse(committed), JSON.parse(generated));
      throw new Error(`openapi.json is out of date with the code (differs at ${where.join(', ') || 'formatting'}). ${REGENERATE}`);
    }
  });

  it('documents the upload fields as binary files, so the console offers a file picker', () => {
    const document = JSON.parse(generated);
    const files = (path: string) => {
      const content = document.paths[path].post.requestBody.content['multipart/form-data'];
      const schema = content.schema.$ref ? document.components.schemas[content.schema.$ref.split('/').pop()] : content.schema;
      return Object.entries(schema.properties as Record<string, { format?: string }>).filter(([, p]) => p.format === 'binary').map(([name]) => name);
    };
    expect(files('/api/v1/enroll')).toEqual(['image', 'image1', 'image2']);
    expect(files('/api/v1/verify')).toEqual(['image']);
    expect(files('/api/v1/match')).toEqual(['image1', 'image2']);
  });

  it('is the source of the generated TypeScript client', () => {
    // A child process: openapi-typescript loads ES modules, which jest's module loader cannot require.
    const check = spawnSync(process.execPath, [join(__dirname, '../../scripts/openapi/generate-sdk.js'), '--check'], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`clients/typescript/src/schema.ts was not generated from openapi.json. ${REGENERATE}\n${check.stdout}${check.stderr}`);
  });
});
