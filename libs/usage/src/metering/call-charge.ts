import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { CountedEndpoint } from '../usage.constants';

export const CHARGED_ENDPOINT = 'faceauth:charged-endpoint';

/**
 * Takes one counted call of the request's key from the monthly quota (429 MONTHLY_LIMIT when used up) and
 * meters the request from then on, like a @Metered() route. Taken at most once per request.
 */
export type CallCharge = () => Promise<void>;

/**
 * A route that counts as a call of `endpoint` only when its service says so (enrollment sessions: the photo
 * request that enrolls). The pipeline hands the handler a CallCharge (@ChargeCall()); the per-minute limit
 * comes from @RateLimited() on every request of the route.
 */
export function MeteredOnCharge(endpoint: CountedEndpoint): MethodDecorator {
  return SetMetadata(CHARGED_ENDPOINT, endpoint);
}

const CHARGE = Symbol('faceauth:call-charge');

/** Kept on the request by the request pipeline for @MeteredOnCharge() routes. */
export function setCallCharge(req: Request, charge: CallCharge): void {
  let taken: Promise<void> | undefined;
  (req as Request & { [CHARGE]?: CallCharge })[CHARGE] = () => (taken ??= charge());
}

/** Injects the CallCharge of a @MeteredOnCharge() route. */
export const ChargeCall = createParamDecorator((_data: unknown, ctx: ExecutionContext): CallCharge => {
  const charge = (ctx.switchToHttp().getRequest<Request>() as Request & { [CHARGE]?: CallCharge })[CHARGE];
  if (!charge) throw new Error('@ChargeCall() needs @MeteredOnCharge() on the route');
  return charge;
});
