import { Calibration } from '@faceauth/inference';
import { reportComparison, ReportedComparison } from './match-rule';
import { EnrolledTemplate, TemplateStrategy } from './template-match';

/**
 * A probe embedding against a user's stored samples, compared as configured (strategy and N-sample
 * calibration) and rounded as the API reports it: what /verify and a login attempt decide on.
 */
export function compareWithSamples(
  samples: Float32Array[], probe: Float32Array, config: { match: { template: TemplateStrategy }; calibration: { template: Calibration } },
): ReportedComparison {
  return reportComparison(new EnrolledTemplate(samples).compare(probe, config.match.template, config.calibration.template));
}
