import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AuthContext, requestIdOf } from '@faceauth/common';
import { UsageQueue } from '../queue/usage-queue';
import { CountedEndpoint } from '../usage.constants';

/** Status recorded for a call whose client went away before the response was written (nginx's 499). */
const CLIENT_CLOSED = 499;

/**
 * Follows a counted call from the moment it took its quota to the end of its response, then emits the
 * usage event. Every call that took quota is logged and counted: nothing after the quota refuses a call
 * without processing it (see UsageLimiter).
 */
@Injectable()
export class UsageMeter {
  constructor(private readonly queue: UsageQueue) {}

  begin(req: Request, res: Response, endpoint: CountedEndpoint, auth: AuthContext, takenAt: Date): void {
    const startedAt = performance.now();
    const requestId = requestIdOf(req);
    res.once('close', () => {
      const statusCode = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
      const errorCode = (res.locals.errorCode as string | undefined) ?? null;
      this.queue.add({
        eventId: randomUUID(),
        requestId,
        accountId: auth.accountId,
        keyId: auth.keyId,
        endpoint,
        statusCode,
        success: statusCode < 400,
        errorCode: statusCode < 400 ? null : errorCode,
        latencyMs: Math.round(performance.now() - startedAt),
        time: takenAt.toISOString(),
      });
    });
  }
}
