import { cosineSimilarity } from '@faceauth/inference';
import { EnrolledTemplate, fuseEmbeddings } from './template-match';

const v = (...values: number[]) => Float32Array.from(values);

describe(EnrolledTemplate.name, () => {
  it('fuses samples as the re-normalised mean of the normalised samples (lengths do not weigh)', () => {
    const fused = fuseEmbeddings([v(10, 0), v(0, 1)]);
    expect(fused[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(fused[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('compares with the closest sample, the fused template or the mean of both cosines', () => {
    const template = new EnrolledTemplate([v(1, 0, 0), v(0, 1, 0)]);
    const probe = v(1, 0.2, 0);
    const closest = cosineSimilarity(probe, v(1, 0, 0));
    const fused = cosineSimilarity(probe, v(1, 1, 0));
    expect(template.cosine(probe, 'closest')).toBeCloseTo(closest, 6);
    expect(template.cosine(probe, 'fused')).toBeCloseTo(fused, 6);
    expect(template.cosine(probe, 'blend')).toBeCloseTo((closest + fused) / 2, 6);
  });

  it('calibrates the decision with the given fit, unrounded', () => {
    const template = new EnrolledTemplate([v(1, 0)]);
    const c = template.compare(v(0.6, 0.8), 'fused', { distanceScale: 0.5, logistic: { a: -10, b: 0.2 } });
    expect(c.distance).toBeCloseTo(0.2, 6);
    expect(c.confidence).toBeCloseTo(50, 4);
  });
});
