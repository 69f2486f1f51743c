import { compareWithSamples } from './compare-samples';

const CALIBRATION = { distanceScale: 0.7639, logistic: { a: -27.7615, b: 0.5333 } };
const unit = (...v: number[]) => Float32Array.from(v.map((x) => x / Math.hypot(...v)));
const config = (template: 'closest' | 'fused') => ({ match: { template }, calibration: { template: CALIBRATION } });

describe('compareWithSamples', () => {
  const samples = [unit(1, 0, 0), unit(0, 1, 0)];

  it('compares with the configured strategy: the closest sample, or the fused template', () => {
    // The probe is the first sample: distance 0 to it, 1 - cos(45 deg) to the fused (1, 1, 0) direction.
    expect(compareWithSamples(samples, unit(1, 0, 0), config('closest')).distance).toBe(0);
    const fused = compareWithSamples(samples, unit(1, 0, 0), config('fused'));
    expect(fused.distance).toBe(Math.round((1 - Math.SQRT1_2) * 0.7639 * 1e4) / 1e4);
  });

  it('reports the figures rounded as the API does (distance to 4 decimals, confidence to 1)', () => {
    const reported = compareWithSamples(samples, unit(3, 1, 0.5), config('fused'));
    expect(reported.distance * 1e4).toBeCloseTo(Math.round(reported.distance * 1e4), 9);
    expect(reported.confidence * 10).toBeCloseTo(Math.round(reported.confidence * 10), 9);
    expect(reported.similarity).toBe(reported.confidence);
  });
});
