import { implausibleFace } from './face-plausibility';

describe('implausibleFace', () => {
  it('passes a typical face of the dev sets', () => {
    expect(implausibleFace({ embeddingNorm: 3.5, flipCosine: 0.98, landmarkShift: 0.02 })).toBeNull();
  });

  it('refuses a weak recogniser response, weaker when crop and mirror disagree', () => {
    expect(implausibleFace({ embeddingNorm: 1.5, flipCosine: 0.95, landmarkShift: 0.02 })).toBe('weak recogniser response');
    expect(implausibleFace({ embeddingNorm: 2.2, flipCosine: 0.88, landmarkShift: 0.02 })).toBe('weak recogniser response');
  });

  it('refuses landmarks that move when the crop is re-centred on them', () => {
    expect(implausibleFace({ embeddingNorm: 3.5, flipCosine: 0.98, landmarkShift: 0.4 })).toBe('unstable landmarks');
  });
});
