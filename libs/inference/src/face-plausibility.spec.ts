import { implausibleFace } from './face-plausibility';

const FACE = { embeddingNorm: 3.5, flipCosine: 0.98, landmarkShift: 0.02, mirrorShift: 0.03 };

describe('implausibleFace', () => {
  it('passes a typical face of the dev sets', () => {
    expect(implausibleFace(FACE)).toBeNull();
  });

  it('refuses a weak recogniser response, weaker when crop and mirror disagree', () => {
    expect(implausibleFace({ ...FACE, embeddingNorm: 1.5, flipCosine: 0.95 })).toBe('weak recogniser response');
    expect(implausibleFace({ ...FACE, embeddingNorm: 2.2, flipCosine: 0.88 })).toBe('weak recogniser response');
  });

  it('refuses landmarks that move when the crop is re-centred on them', () => {
    expect(implausibleFace({ ...FACE, landmarkShift: 0.4 })).toBe('unstable landmarks');
  });

  it('refuses landmarks that land elsewhere in the mirror image of the crop', () => {
    expect(implausibleFace({ ...FACE, mirrorShift: 0.35 })).toBe('landmarks not mirror-consistent');
    expect(implausibleFace({ ...FACE, mirrorShift: 0.25 })).toBeNull();
  });
});
