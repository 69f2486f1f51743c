import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS } from '../../../test/factories/datasets';
import { labelErrors, readLayout } from './datasets';

describe('readLayout with the audited label errors', () => {
  const errors = labelErrors();

  it('lists only photos and identities that exist (a typo would silently keep a mislabelled photo)', () => {
    for (const path of errors.photos) expect(existsSync(join(DATASETS, path))).toBe(true);
    for (const path of errors.identities) expect(existsSync(join(DATASETS, path))).toBe(true);
  });

  it('leaves out exactly the listed photos and identities, and nothing else', () => {
    const sets = ['celeba_dev', 'lfw_gray_crops'];
    const all = readLayout(DATASETS, { only: sets });
    const audited = readLayout(DATASETS, { only: sets, audited: true });
    const photosOf = (layout: typeof all) => new Set(layout.identitySets.flatMap((s) => [...s.identities.values()].flat()));
    const before = photosOf(all);
    const after = photosOf(audited);
    const dropped = [...before].filter((p) => !after.has(p));
    const expected = [...before].filter((p) => errors.photos.has(p.slice(DATASETS.length + 1)) || [...errors.identities].some((id) => p.startsWith(join(DATASETS, id) + '/')));
    expect(dropped.sort()).toEqual(expected.sort());
    expect(dropped.length).toBeGreaterThan(errors.photos.size);
    expect([...after].every((p) => before.has(p))).toBe(true);
  });
});
