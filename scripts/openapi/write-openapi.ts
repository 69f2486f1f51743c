import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatDocument, generateOpenApiDocument, OPENAPI_FILE } from './document';

// `npm run openapi`: builds, then runs this from dist so the document comes from the built code.
async function main(): Promise<void> {
  const document = await generateOpenApiDocument();
  writeFileSync(OPENAPI_FILE, formatDocument(document));
  const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`${relative(process.cwd(), OPENAPI_FILE)}: ${Object.keys(document.paths).length} paths, ${operations} operations`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
