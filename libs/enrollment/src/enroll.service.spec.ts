import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuthContext, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { embeddingToBuffer, FaceQuality, FaceTemplate, InferenceService } from '@faceauth/inference';
import { EnrollService, MAX_SAMPLES_PER_USER } from './enroll.service';
import { EnrolledUser } from './entities/enrolled-user.entity';
import { FaceSample } from './entities/face-sample.entity';

/** A unit embedding close to axis `axis` (person `axis`), nudged by `jitter` towards the last axis. */
function embedding(axis: number, jitter = 0): Float32Array {
  const v = new Float32Array(512);
  v[axis] = Math.sqrt(1 - jitter * jitter);
  v[511] = jitter;
  return v;
}

const PERSON_A = [embedding(0), embedding(0, 0.1), embedding(0, 0.2)];
const PERSON_B = embedding(1);
const auth: AuthContext = { accountId: 1, accountPublicId: 'acct_1', keyId: 1, keyKind: 'secret', plan: 'free', maskedKey: 'fa_abcd...wxyz' };
const calibration = { distanceScale: 1, logistic: { a: -12, b: 0.42 } };
const config = {
  match: { distanceThreshold: 0.42, confidenceThreshold: 85, template: 'fused' },
  calibration: { ...calibration, template: calibration },
  enrollment: {
    consistencyThreshold: 0.5,
    reenrollThreshold: 0.45,
    quality: { minSharpness: 20, minBrightness: 40, maxBrightness: 220, maxOverexposed: 0.2, maxYaw: 0.3 },
  },
} as AppConfig;
const GOOD: FaceQuality = { sharpness: 200, brightness: 120, overexposed: 0, yaw: 0.02, embeddingNorm: 20, flipCosine: 0.9, landmarkShift: 0.02, mirrorShift: 0.03 };

/** Photos whose bytes name the embedding the fake engine returns. */
function files(...embeddings: Float32Array[]): { files: UploadedImageMap; inference: InferenceService; quality: FaceQuality[] } {
  const quality = embeddings.map(() => ({ ...GOOD }));
  const byBuffer = new Map<Buffer, Float32Array>();
  const map: UploadedImageMap = {};
  embeddings.forEach((e, i) => {
    const buffer = Buffer.from(`photo-${i}`);
    byBuffer.set(buffer, e);
    const field = ['image', 'image1', 'image2'][i];
    map[field] = { field, bytes: buffer };
  });
  const inference = {
    extractTemplate: async (buffer: Buffer) => {
      const i = [...byBuffer.keys()].indexOf(buffer);
      return { embedding: byBuffer.get(buffer)!, face: { score: 0.99 }, liveness: 0.9, faces: 1, quality: quality[i] } as unknown as FaceTemplate;
    },
  } as unknown as InferenceService;
  return { files: map, inference, quality };
}

function stored(id: number, e: Float32Array): FaceSample {
  return Object.assign(new FaceSample(), { id, embedding: embeddingToBuffer(e), detectorScore: 0.9 });
}

/** A transaction-scoped EntityManager fake: the user and samples it finds, and what was created or removed. */
function fakeEm(existing: { user: EnrolledUser | null; samples: FaceSample[] }[]) {
  const created: unknown[] = [];
  const removed: FaceSample[] = [];
  let attempt = 0;
  const flushes: (() => Promise<void>)[] = [];
  const tx = {
    findOne: jest.fn(async () => existing[attempt].user),
    find: jest.fn(async () => existing[attempt].samples),
    create: jest.fn((entity: unknown, data: Record<string, unknown>) => {
      const made = entity === EnrolledUser ? Object.assign(new EnrolledUser(), { id: 42 }, data) : data;
      created.push(made);
      return made;
    }),
    remove: jest.fn((entities: FaceSample[]) => removed.push(...entities)),
    flush: jest.fn(async () => {
      const next = flushes.shift();
      if (next) await next();
    }),
  };
  const em = {
    fork: () => ({
      transactional: async <T>(work: (em: unknown) => Promise<T>) => {
        try {
          return await work(tx);
        } finally {
          attempt++;
        }
      },
    }),
  } as unknown as EntityManager;
  return { em, tx, created, removed, failNextFlush: (error: Error) => flushes.push(() => Promise.reject(error)) };
}

const samplesCreated = (created: unknown[]) => created.filter((c) => !(c instanceof EnrolledUser));

describe(EnrollService.name, () => {
  it('creates the user with one sample per photo', async () => {
    const { files: f, inference } = files(...PERSON_A);
    const db = fakeEm([{ user: null, samples: [] }]);
    const res = await new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f);
    expect(res).toEqual({ success: true, face_id: 42, external_user_id: '101', message: 'Face enrolled successfully', samples: 3 });
    expect(samplesCreated(db.created)).toHaveLength(3);
  });

  it('refuses photos of two people with ENROLL_MISMATCH before touching the database', async () => {
    const { files: f, inference } = files(PERSON_A[0], PERSON_B);
    const db = fakeEm([{ user: null, samples: [] }]);
    await expect(new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f)).rejects.toMatchObject({
      code: 'ENROLL_MISMATCH',
      details: { mismatches: [{ field: 'image' }, { field: 'image1' }], threshold: 0.5 },
    });
    expect(db.tx.findOne).not.toHaveBeenCalled();
  });

  it('accepts photos of one person further apart than the verify rule allows, within the consistency threshold', async () => {
    // Cosine 0.55: distance 0.45 fails the verify rule (0.42) but passes the enrollment threshold (0.5).
    const { files: f, inference } = files(embedding(0), embedding(0, Math.sqrt(1 - 0.55 * 0.55)));
    const db = fakeEm([{ user: null, samples: [] }]);
    await expect(new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f)).resolves.toMatchObject({ samples: 2 });
  });

  it.each([
    ['a blurred photo', { sharpness: 5 }, 'sharpness', 5],
    ['a dark photo', { brightness: 12 }, 'brightness', 12],
    ['a burnt-out photo', { overexposed: 0.5 }, 'overexposed', 0.5],
    ['a face turned aside', { yaw: -0.45 }, 'yaw', 0.45],
  ])('refuses %s with 422 LOW_QUALITY naming the check and the measured value', async (_name, bad, check, value) => {
    const { files: f, inference, quality } = files(...PERSON_A);
    Object.assign(quality[1], bad);
    const db = fakeEm([{ user: null, samples: [] }]);
    await expect(new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f)).rejects.toMatchObject({
      code: 'LOW_QUALITY',
      status: 422,
      details: { check, value, field: 'image1' },
    });
    expect(db.tx.findOne).not.toHaveBeenCalled();
  });

  it('applies the same rules to samples that arrive as templates (enrollment sessions), naming their fields', async () => {
    const { inference } = files();
    const db = fakeEm([{ user: null, samples: [] }]);
    const sample = (field: string, e: Float32Array) => ({ field, embedding: e, quality: { ...GOOD }, detectorScore: 0.9, liveness: null });
    const service = new EnrollService(db.em, inference, config);
    await expect(service.enrollSamples(auth, { name: '101' }, [sample('step0', PERSON_A[0]), sample('step1', PERSON_B)])).rejects.toMatchObject({
      code: 'ENROLL_MISMATCH',
      details: { mismatches: [{ field: 'step0' }, { field: 'step1' }] },
    });
    await expect(service.enrollSamples(auth, { name: '101' }, PERSON_A.map((e, i) => sample(`step${i}`, e)))).resolves.toMatchObject({ face_id: 42, samples: 3 });
  });

  it('refuses a missing image with MISSING_IMAGE', async () => {
    const { inference } = files();
    const db = fakeEm([]);
    await expect(new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, {})).rejects.toMatchObject({ code: 'MISSING_IMAGE' });
  });

  it('retries the loser of a race on a new name as an enrollment of the existing name', async () => {
    const { files: f, inference } = files(PERSON_A[1]);
    const winner = Object.assign(new EnrolledUser(), { id: 7, name: '101' });
    const db = fakeEm([{ user: null, samples: [] }, { user: winner, samples: [stored(1, PERSON_A[0])] }]);
    db.failNextFlush(new UniqueConstraintViolationException(new Error('duplicate key')));
    const res = await new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f);
    expect(res).toMatchObject({ face_id: 7, samples: 2 });
    expect(db.tx.findOne).toHaveBeenCalledTimes(2);
  });

  it('refuses someone else under an existing name with IDENTITY_MISMATCH', async () => {
    const { files: f, inference } = files(PERSON_B);
    const user = Object.assign(new EnrolledUser(), { id: 7, name: '101' });
    const db = fakeEm([{ user, samples: [stored(1, PERSON_A[0])] }]);
    await expect(new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f)).rejects.toMatchObject({
      code: 'IDENTITY_MISMATCH',
      details: { mismatches: [{ field: 'image' }], threshold: 0.45 },
    });
    expect(db.tx.flush).not.toHaveBeenCalled();
  });

  it('replaces every stored sample with replace=true, whoever they show', async () => {
    const { files: f, inference } = files(PERSON_B);
    const user = Object.assign(new EnrolledUser(), { id: 7, name: '101' });
    const old = [stored(1, PERSON_A[0]), stored(2, PERSON_A[1])];
    const db = fakeEm([{ user, samples: old }]);
    const res = await new EnrollService(db.em, inference, config).enroll(auth, { name: '101', replace: true }, f);
    expect(res).toMatchObject({ face_id: 7, samples: 1 });
    expect(db.removed).toEqual(old);
  });

  it(`keeps the newest ${MAX_SAMPLES_PER_USER} samples, dropping the oldest`, async () => {
    const { files: f, inference } = files(...PERSON_A);
    const user = Object.assign(new EnrolledUser(), { id: 7, name: '101' });
    const old = Array.from({ length: 9 }, (_, i) => stored(i + 1, PERSON_A[0]));
    const db = fakeEm([{ user, samples: old }]);
    const res = await new EnrollService(db.em, inference, config).enroll(auth, { name: '101' }, f);
    expect(res).toMatchObject({ samples: 10, message: expect.stringContaining('removed the 2 oldest') });
    expect(db.removed.map((s) => s.id)).toEqual([1, 2]);
  });
});
