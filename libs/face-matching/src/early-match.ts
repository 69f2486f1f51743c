import { Calibration, comparisonOf, EarlyMatch } from '@faceauth/inference';
import { isMatch, MatchThresholds, reportComparison } from './match-rule';
import { EnrolledTemplate, TemplateStrategy } from './template-match';

/** The verify rule and how far above it a first recogniser pass may decide alone (null: never). */
export interface EarlyMatchRule extends MatchThresholds {
  template: TemplateStrategy;
  earlyMatchMargin: number | null;
}

/** The smallest cosine to a user's template that the rule accepts (the rule is monotone in the cosine). */
export function acceptanceCosine(calibration: Calibration, thresholds: MatchThresholds): number {
  const accepts = (cosine: number) => isMatch(reportComparison(comparisonOf(cosine, calibration)), thresholds);
  if (!accepts(1)) return Infinity;
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (accepts(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The early match (@faceauth/inference EarlyMatch) of a verify against `user`: the acceptance cosine plus the
 * margin. Only for the `fused` strategy, where the decision is one cosine to one template; undefined otherwise.
 */
export function earlyMatchFor(user: EnrolledTemplate, rule: EarlyMatchRule, calibration: Calibration): EarlyMatch | undefined {
  if (rule.earlyMatchMargin == null || rule.template !== 'fused') return undefined;
  return { template: user.fused, minCosine: acceptanceCosine(calibration, rule) + rule.earlyMatchMargin };
}

/** earlyMatchFor the user of these samples, by the configured rule and N-sample calibration (what /verify passes the engine). */
export function earlyMatchOfSamples(samples: Float32Array[], config: { match: EarlyMatchRule; calibration: { template: Calibration } }): EarlyMatch | undefined {
  return earlyMatchFor(new EnrolledTemplate(samples), config.match, config.calibration.template);
}
