import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
 * identities (sorted) of each set: a reproducible slice for quick checks. `audited` leaves out the photos and
 * identities that label-errors.json lists as mislabelled (before the slice is taken).
 */
export function readLayout(dataDir: string, options: { only?: string[]; maxIdentities?: Record<string, number>; audited?: boolean } = {}): Layout {
  const wrong = options.audited ? labelErrors() : undefined;
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
      if (wrong?.identities.has(`${name}/${identity}`)) continue;
      const files = images(join(dir, identity)).filter((f) => !wrong?.photos.has(relative(dataDir, f)));
      if (files.length > 0) identities.set(identity, files);
    }
    // Sets like spoof_samples have label folders but one image per label and no pairs: nothing to verify.
    if (identities.size >= 2 && [...identities.values()].some((f) => f.length >= 2)) layout.identitySets.push({ name, identities });
  }
  return layout;
}

/** The audited label errors (label-errors.json): photos showing another person than their identity's, identities that mix several. */
export function labelErrors(): { photos: Set<string>; identities: Set<string> } {
  const list = JSON.parse(readFileSync(join(__dirname, 'label-errors.json'), 'utf8')) as { photos: Record<string, string>; identities: Record<string, string> };
  return { photos: new Set(Object.keys(list.photos)), identities: new Set(Object.keys(list.identities)) };
}
