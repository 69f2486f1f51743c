import { AuthContext, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrolledFacesService } from '@faceauth/enrollment';
import { FaceTemplate, InferenceService } from '@faceauth/inference';
import { VerifyService } from './verify.service';

/** A unit embedding near axis `axis`, nudged by `jitter` towards the last axis. */
function embedding(axis: number, jitter = 0): Float32Array {
  const v = new Float32Array(512);
  v[axis] = Math.sqrt(1 - jitter * jitter);
  v[511] = jitter;
  return v;
}

const auth: AuthContext = { accountId: 3, accountPublicId: 'acct_3', keyId: 1, keyKind: 'secret', plan: 'free', maskedKey: 'fa_abcd...wxyz' };
const calibration = { distanceScale: 1, logistic: { a: -12, b: 0.42 } };
const config = { match: { distanceThreshold: 0.42, confidenceThreshold: 85, template: 'closest' }, calibration: { ...calibration, template: calibration } } as AppConfig;
const files: UploadedImageMap = { image: { field: 'image', bytes: Buffer.from('photo') } };

/** `stored` is what the lookup finds before inference; `after`, what it finds once the photo is processed. */
function setup(probe: Float32Array, stored: Float32Array[] | null, faces = 1, after: Float32Array[] | null = stored) {
  const found = (embeddings: Float32Array[] | null) => (embeddings ? { user: { id: 9, name: '101' }, embeddings } : null);
  const enrolled = { find: jest.fn().mockResolvedValueOnce(found(stored)).mockResolvedValueOnce(found(after)) };
  const inference = {
    extractTemplate: jest.fn(async () => ({ embedding: probe, faces, liveness: null, face: { score: 0.99 } }) as unknown as FaceTemplate),
  };
  const service = new VerifyService(enrolled as unknown as EnrolledFacesService, inference as unknown as InferenceService, config);
  return { service, enrolled, inference };
}

describe(VerifyService.name, () => {
  it('decides on the closest stored sample and fills identity and user on a match', async () => {
    const { service, enrolled } = setup(embedding(0, 0.1), [embedding(1), embedding(0), embedding(2)]);
    const res = await service.verify(auth, { name: '101' }, files);
    expect(enrolled.find).toHaveBeenCalledWith(3, '101');
    expect(res).toMatchObject({ match: true, status: 'match', identity: '101', message: 'Verified as 101', user: { id: 9, external_user_id: '101', name: '101' }, faces: 1, liveness: null });
    expect(res.distance).toBeCloseTo(1 - Math.sqrt(1 - 0.01), 4);
  });

  it('does not run the anti-spoof model (its score decides nothing)', async () => {
    const { service, inference } = setup(embedding(0), [embedding(0)]);
    await service.verify(auth, { name: '101' }, files);
    expect(inference.extractTemplate).toHaveBeenCalledWith(expect.any(Buffer), 'largest', {});
  });

  it('asks the engine to decide early on the fused template when the configuration allows it', async () => {
    const fusedConfig = { ...config, match: { distanceThreshold: 0.42, confidenceThreshold: 85, template: 'fused', earlyMatchMargin: 0.05 } } as AppConfig;
    const { enrolled, inference } = setup(embedding(0), [embedding(0), embedding(0, 0.2)]);
    const service = new VerifyService(enrolled as unknown as EnrolledFacesService, inference as unknown as InferenceService, fusedConfig);
    await service.verify(auth, { name: '101' }, files);
    const [, , options] = (inference.extractTemplate.mock.calls[0] as unknown[]) as [Buffer, string, { earlyMatch: { template: Float32Array; minCosine: number } }];
    // Confidence 85 needs a distance of 0.275 or less at this calibration (stricter than 0.42): cosine 0.725, plus the margin.
    expect(options.earlyMatch.minCosine).toBeCloseTo(1 - (0.42 + Math.log(85 / 15) / -12) + 0.05, 3);
    expect(Math.hypot(...options.earlyMatch.template)).toBeCloseTo(1, 5);
  });

  it('answers NO_ENROLLED_FACES when the user was deleted while the photo was processed', async () => {
    const { service, enrolled } = setup(embedding(0), [embedding(0)], 1, null);
    await expect(service.verify(auth, { name: '101' }, files)).rejects.toMatchObject({ code: 'NO_ENROLLED_FACES' });
    expect(enrolled.find).toHaveBeenCalledTimes(2);
  });

  it('decides on the samples stored after inference when they were replaced meanwhile', async () => {
    const { service } = setup(embedding(0), [embedding(0)], 1, [embedding(3)]);
    expect(await service.verify(auth, { name: '101' }, files)).toMatchObject({ match: false, identity: null });
  });

  it('answers a stranger with no_match, null identity and user, and the failed threshold', async () => {
    const { service } = setup(embedding(5), [embedding(0), embedding(1)]);
    const res = await service.verify(auth, { name: '101' }, files);
    expect(res).toMatchObject({ match: false, status: 'no_match', identity: null, user: null });
    expect(res.message).toBe('Not verified as 101: distance 1 is above the threshold 0.42');
  });

  it('says when the largest of several faces was used', async () => {
    const { service } = setup(embedding(0), [embedding(0)], 3);
    expect((await service.verify(auth, { name: '101' }, files)).message).toBe('Verified as 101 (largest of 3 faces used)');
  });

  it('answers an unknown name with NO_ENROLLED_FACES without running inference', async () => {
    const { service, inference } = setup(embedding(0), null);
    await expect(service.verify(auth, { name: 'nobody' }, files)).rejects.toMatchObject({ code: 'NO_ENROLLED_FACES' });
    expect(inference.extractTemplate).not.toHaveBeenCalled();
  });

  it('answers a missing photo with MISSING_IMAGE', async () => {
    const { service } = setup(embedding(0), [embedding(0)]);
    await expect(service.verify(auth, { name: '101' }, {})).rejects.toMatchObject({ code: 'MISSING_IMAGE' });
  });
});
