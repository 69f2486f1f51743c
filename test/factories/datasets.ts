import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/datasets beside the checkout (FACEAUTH_DATASETS overrides). Photos are read, never copied. */
export const DATASETS = process.env.FACEAUTH_DATASETS ?? resolve(__dirname, '../../../shared/datasets');

export function datasetPath(...parts: string[]): string {
  const path = join(DATASETS, ...parts);
  if (!existsSync(path)) throw new Error(`dataset file missing: ${path}`);
  return path;
}

/** The image files of one identity folder, sorted. */
export function identityPhotos(dataset: string, identity: string): string[] {
  const dir = datasetPath(dataset, identity);
  return readdirSync(dir)
    .filter((file) => /\.(jpe?g|png|webp)$/i.test(file))
    .sort()
    .map((file) => join(dir, file));
}
