import { AppConfig, PlanLimits, PLAN_NAMES, PlanName } from '@faceauth/config';

/** The limits of an account's plan; an unknown plan name gets the free plan's limits. */
export function planLimits(config: AppConfig, plan: string): PlanLimits {
  return PLAN_NAMES.includes(plan as PlanName) ? config.plans[plan as PlanName] : config.plans.free;
}
