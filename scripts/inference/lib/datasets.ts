import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const IMAGE = /\.(jpe?g|png|webp)$/i;

export interface IdentitySet {
  name: string;
  /** identity -> absolute image paths, sorted. */
  identities: Map<string, string[]>;
}

export interface Layout {
  identitySets: IdentitySet[];
  /** Images of every folder named `noface`. */
  noface: string[];
}

const isDir = (path: string) => statSync(path).isDirectory();
const images = (dir: string) => readdirSync(dir).filter((f) => IMAGE.test(f)).sort().map((f) => join(dir, f));

/**
 * Reads `<dataset>/<identity>/<image>` folders. Folders named `noface` hold face-free images; folders without
 * identity subfolders (group_photos, spoof_samples...) are skipped. `maxIdentities` keeps the first N
 * identities (sorted) of each set: a reproducible slice for quick checks.
 */
export function readLayout(dataDir: string, options: { only?: string[]; maxIdentities?: Record<string, number> } = {}): Layout {
  const layout: Layout = { identitySets: [], noface: [] };
  for (const name of readdirSync(dataDir).sort()) {
    const dir = join(dataDir, name);
    if (!isDir(dir) || (options.only && !options.only.includes(name))) continue;
    if (name === 'noface') {
      layout.noface.push(...images(dir));
      continue;
    }
    const subdirs = readdirSync(dir).sort().filter((f) => isDir(join(dir, f)));
    const limit = options.maxIdentities?.[name] ?? Infinity;
    const identities = new Map<string, string[]>();
    for (const identity of subdirs) {
      if (identities.size >= limit) break;
      const files = images(join(dir, identity));
      if (files.length > 0) identities.set(identity, files);
    }
    // Sets like spoof_samples have label folders but one image per label and no pairs: nothing to verify.
    if (identities.size >= 2 && [...identities.values()].some((f) => f.length >= 2)) layout.identitySets.push({ name, identities });
  }
  return layout;
}
