import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startService } from './lib/cli';
(async () => {
  const { service } = await startService();
  const root = '/work/shared/datasets/celeba_dev';
  for (const id of readdirSync(root).sort()) {
    if (!id.startsWith('id')) continue;
    for (const f of readdirSync(join(root, id))) {
      const buf = readFileSync(join(root, id, f));
      try { await service.extractTemplate(buf, 'largest'); } catch (e) {
        const faces = await service.detect(buf).catch(() => []);
        console.log(id + '/' + f, e.code, JSON.stringify(e.details ?? {}), faces.length);
      }
    }
  }
})();
