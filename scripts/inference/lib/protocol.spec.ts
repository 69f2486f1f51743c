import { PhotoResult } from './embedding-cache';
import { ProtocolRules, runProtocol } from './protocol';

const RULES: ProtocolRules = {
  minEyeDistancePx: 20,
  match: { distanceThreshold: 0.42, confidenceThreshold: 85, template: 'fused', earlyMatchMargin: null },
  pairCalibration: { distanceScale: 1, logistic: { a: -20, b: 0.5 } },
  templateCalibration: { distanceScale: 1, logistic: { a: -20, b: 0.5 } },
  consistencyThreshold: 0.5,
  quality: { minSharpness: 25, minBrightness: 50, maxBrightness: 215, maxOverexposed: 0.15, maxYaw: 0.42 },
};
const QUALITY = { sharpness: 200, brightness: 120, overexposed: 0, yaw: 0, embeddingNorm: 3.5, flipCosine: 0.98, landmarkShift: 0.02, mirrorShift: 0.03 };

/** A usable photo whose embedding points `degrees` away from the x axis, in the plane of axes 0 and `axis`. */
const photo = (identity: string, degrees: number, axis = 1): PhotoResult => {
  const embedding = new Float32Array(4);
  embedding[0] = Math.cos((degrees * Math.PI) / 180);
  embedding[axis] = Math.sin((degrees * Math.PI) / 180);
  return { path: `${identity}/${degrees}.jpg`, identity, embedding, firstPass: embedding, faces: 1, eyeDistance: 60, quality: QUALITY };
};

describe('runProtocol', () => {
  it('retakes the photo ENROLL_MISMATCH names as farthest, and keeps it as a genuine login', () => {
    // a's third photo is 90 degrees off (1 - cos = 1 against the others' mean); the fourth is close again.
    const a = [photo('a', 0), photo('a', 10), photo('a', 90, 2), photo('a', 5), photo('a', 15)];
    const b = [photo('b', 80, 3), photo('b', 85, 3), photo('b', 88, 3), photo('b', 84, 3)];
    const outcome = runProtocol({ name: 'set', identities: new Map([['a', a], ['b', b]]) }, 3, RULES, 'fused');
    expect(outcome).toMatchObject({ eligible: 2, enrolled: 2, enrolledFirstK: 1, retakes: 0, mismatchRetakes: 1, refusals: {} });
    // a enrolled from photos 0, 1 and 3: its genuine logins are photo 2 (the retaken one, far) and photo 4.
    expect(outcome.logins.genuine).toHaveLength(2 + 1);
    expect(outcome.logins.genuine[0]).toBeGreaterThan(0.9);
    expect(outcome.logins.genuine[1]).toBeLessThan(0.05);
  });

  it('scores a login on its first pass alone when that decides early, as /verify does', () => {
    // b's logins: a first pass 5 degrees from a's template (decides early), the flip template 60 degrees away.
    const a = [photo('a', 0), photo('a', 2), photo('a', 4)];
    const login = (degrees: number) => ({ ...photo('b', 60), firstPass: photo('b', degrees).embedding });
    const b = [photo('b', 60), photo('b', 62), photo('b', 64), login(5), login(70)];
    const early = { ...RULES, match: { ...RULES.match, earlyMatchMargin: 0.05 } };
    const outcome = runProtocol({ name: 'set', identities: new Map([['a', a], ['b', b]]) }, 3, early, 'fused');
    // Against a's template (at 2 degrees) the first pass at 5 decides early; against b's own (at 62) the one at 70.
    expect(outcome.early).toEqual({ genuine: 1, impostor: 1 });
    expect(Math.min(...outcome.logins.impostor)).toBeCloseTo(1 - Math.cos((3 * Math.PI) / 180), 3);
    // Off (margin null): the same login is scored on its flip template.
    const off = runProtocol({ name: 'set', identities: new Map([['a', a], ['b', b]]) }, 3, RULES, 'fused');
    expect(off.early).toEqual({ genuine: 0, impostor: 0 });
    expect(Math.min(...off.logins.impostor)).toBeGreaterThan(0.4);
  });

  it('counts ENROLL_MISMATCH when the photos run out before a consistent set', () => {
    const mixed = [photo('a', 0), photo('a', 90, 2), photo('a', 90, 3)];
    const outcome = runProtocol({ name: 'set', identities: new Map([['a', mixed]]) }, 3, RULES, 'fused');
    expect(outcome).toMatchObject({ eligible: 1, enrolled: 0, mismatchRetakes: 0, refusals: { ENROLL_MISMATCH: 1 } });
  });
});
