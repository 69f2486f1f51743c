import { InferenceBusyError, MultipleFacesError, NoFaceError, ServiceUnavailableError } from '@faceauth/common';
import { loadConfig } from '@faceauth/config';
import { PooledInferenceService } from '@faceauth/inference';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath } from '../factories/datasets';

const readPhoto = (relative: string) => readFileSync(datasetPath(relative));
const FACE = 'lfw_gray_crops/Aaron_Sorkin/Aaron_Sorkin_0001.jpg';

describe(`${PooledInferenceService.name} (piscina worker threads, real models)`, () => {
  const service = new PooledInferenceService(loadConfig(process.env, { inference: { concurrency: 1, maxQueue: 2 } }));
  beforeAll(() => service.onModuleInit());
  afterAll(() => service.onModuleDestroy());

  it('loads the models in its worker and embeds a face', async () => {
    expect(service.modelsLoaded).toBe(true);
    const template = await service.extractTemplate(readPhoto(FACE), 'single');
    expect(template.embedding).toBeInstanceOf(Float32Array);
    expect(template.embedding).toHaveLength(512);
    expect(service.load).toMatchObject({ workers: 1, maxQueue: 2, queued: 0 });
  });

  it('hands the early match to the worker: its own template decides on the first pass', async () => {
    const full = await service.extractTemplate(readPhoto(FACE), 'single');
    const early = await service.extractTemplate(readPhoto(FACE), 'single', { earlyMatch: { template: full.embedding, minCosine: 0.9 } });
    expect(early.mirrorPass).toBe(false);
    expect(Array.from(early.embedding)).toEqual(Array.from(full.firstPass));
  });

  it('brings a NoFaceError thrown in the worker back as a NoFaceError (422 NO_FACE)', async () => {
    const error = await service.extractTemplate(readPhoto('noface/brick.png'), 'single').catch((e) => e);
    expect(error).toBeInstanceOf(NoFaceError);
    expect(error).toMatchObject({ code: 'NO_FACE', status: 422, message: 'No face detected in image' });
  });

  it('brings a MultipleFacesError back with its details', async () => {
    const error = await service.extractTemplate(readPhoto('group_photos/sample1.jpg'), 'single').catch((e) => e);
    expect(error).toBeInstanceOf(MultipleFacesError);
    expect(error.details.faces).toBeGreaterThan(1);
  });

  it('drops a queued photo whose client hung up, and keeps running the others', async () => {
    const photo = readPhoto(FACE);
    const hungUp = new AbortController();
    const first = service.extractTemplate(photo, 'largest');
    const second = service.extractTemplate(photo, 'largest', { signal: hungUp.signal });
    hungUp.abort(new Error('client closed the connection'));
    await expect(second).rejects.toThrow('client closed the connection');
    await expect(first).resolves.toMatchObject({ faces: 1 });
    // The thread was not stopped: the next photo runs on it at once.
    await expect(service.detect(photo)).resolves.toHaveLength(1);
    expect(service.load.queued).toBe(0);
  });

  it('refuses a third concurrent admission with maxQueue 2 with 503 SERVICE_UNAVAILABLE and Retry-After', () => {
    const tickets = [service.admit(), service.admit()];
    expect(() => service.admit()).toThrow(InferenceBusyError);
    tickets[0].release();
    const again = service.admit();
    expect(service.load.admitted).toBe(2);
    again.release();
    tickets[1].release();
    expect(service.load.admitted).toBe(0);
  });
});

describe(`${PooledInferenceService.name} without models`, () => {
  it('reports modelsLoaded false and answers SERVICE_UNAVAILABLE, without respawning workers', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'faceauth-no-models-'));
    const service = new PooledInferenceService(loadConfig(process.env, { inference: { modelsDir: empty, concurrency: 1 } }));
    await service.onModuleInit();
    expect(service.modelsLoaded).toBe(false);
    await expect(service.extractTemplate(readPhoto(FACE), 'single')).rejects.toBeInstanceOf(ServiceUnavailableError);
    await service.onModuleDestroy();
  });
});
