import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ForbiddenError, RateLimitError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { RegistrationLimiter } from './registration-limiter';
import { RegistrationSwitch } from './registration-switch';

/**
 * POST /register: refused with 403 FORBIDDEN while registration is closed (REGISTRATION=closed, or the CLI's
 * `registration close`), and with 429
 * RATE_LIMIT (Retry-After) beyond `registration.perWindow` attempts per client address per window, so the
 * free quota cannot be multiplied by registering accounts. Every attempt counts, successful or not.
 */
@Injectable()
export class RegistrationGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RegistrationLimiter,
    private readonly registration: RegistrationSwitch,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { perWindow, windowMs } = this.config.registration;
    if (!(await this.registration.isOpen())) throw new ForbiddenError('Registration is closed on this server');
    const req = context.switchToHttp().getRequest<Request>();
    const { count, resetInMs } = await this.limiter.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (count > perWindow) {
      const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
      throw new RateLimitError(retryAfter, perWindow, `Registration limit of ${perWindow} per ${describeWindow(windowMs)} per client address exceeded`);
    }
    return true;
  }
}

function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
  return `${ms} ms`;
}
