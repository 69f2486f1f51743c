import { MikroORM } from '@mikro-orm/core';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { datasetPath, identityPhotos } from '../factories/datasets';
import { TestApp } from '../support/test-app';

/** Clear frontal photos: Sheldon's are far closer to each other than to anyone else's. */
export const SHELDON = identityPhotos('bbt_faceapi', 'sheldon');
export const PENNY = identityPhotos('bbt_faceapi', 'penny');
export const GROUP = datasetPath('group_photos/sample1.jpg');
export const NO_FACE = datasetPath('noface/brick.png');
export const COLOUR_JPEG = datasetPath('spoof_samples/live/image_T1.jpg');

/** A photo of the shared datasets, read (never copied into the repository). */
export function photo(path: string): Buffer {
  return readFileSync(path);
}

export type Upload = [field: string, file: string | { buffer: Buffer; filename: string }];

/** A multipart POST with the key in X-API-Key (or none), text fields and files. */
export function postForm(http: TestAgent, route: string, key: string | null, fields: Record<string, string>, files: Upload[]) {
  let req = http.post(`/api/v1/${route}`);
  if (key) req = req.set('X-API-Key', key);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const [field, file] of files) {
    req = typeof file === 'string' ? req.attach(field, photo(file), basename(file)) : req.attach(field, file.buffer, file.filename);
  }
  return req;
}

export function enroll(http: TestAgent, key: string, name: string, photos: string[], fields: Record<string, string> = {}) {
  const names = ['image', 'image1', 'image2'];
  return postForm(http, 'enroll', key, { name, ...fields }, photos.map((p, i): Upload => [names[i], p]));
}

export function verify(http: TestAgent, key: string, name: string, image: string) {
  return postForm(http, 'verify', key, { name }, [['image', image]]);
}

export interface StoredCounts {
  users: number;
  samples: number;
}

/** Rows in the enrollment tables, to prove a refused request stored nothing. */
export async function storedCounts(t: TestApp): Promise<StoredCounts> {
  const connection = t.app.get(MikroORM).em.fork().getConnection();
  const [users] = await connection.execute('select count(*) as n from enrolled_users');
  const [samples] = await connection.execute('select count(*) as n from face_samples');
  return { users: Number(users.n), samples: Number(samples.n) };
}

/** The refusal left no rows behind and the server still answers. */
export async function expectUnchanged(t: TestApp, key: string, before: StoredCounts): Promise<void> {
  expect(await storedCounts(t)).toEqual(before);
  await t.http.get('/api/v1/users').set('X-API-Key', key).expect(200);
}
