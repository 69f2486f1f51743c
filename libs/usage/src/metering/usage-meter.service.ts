import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AuthContext, requestIdOf } from '@faceauth/common';
import { QuotaService } from '../quota/quota.service';
import { UsageQueue } from '../queue/usage-queue';
import { CountedEndpoint } from '../usage.constants';

/** What is known about one counted call while it runs; kept on the request. */
export interface CallMeter {
  endpoint: CountedEndpoint;
  auth: AuthContext;
  startedAt: number;
  takenAt: Date;
  /** Set by the interceptor: the call reached its handler's pipeline, so it counts. */
  processed: boolean;
  errorCode: string | null;
}

const METER = Symbol('faceauth:usage-meter');

export function meterOf(req: Request): CallMeter | undefined {
  return (req as Request & { [METER]?: CallMeter })[METER];
}

/** Status recorded for a call whose client went away before the response was written (nginx's 499). */
const CLIENT_CLOSED = 499;

/**
 * Follows a counted call from the moment it took its quota to the end of its response, then emits the
 * usage event. A call that took quota but never reached its handler (refused by a later guard) gets the
 * quota back and is not logged.
 */
@Injectable()
export class UsageMeter {
  private readonly logger = new Logger('usage');

  constructor(
    private readonly queue: UsageQueue,
    private readonly quota: QuotaService,
  ) {}

  begin(req: Request, res: Response, endpoint: CountedEndpoint, auth: AuthContext, takenAt: Date): void {
    const meter: CallMeter = { endpoint, auth, startedAt: performance.now(), takenAt, processed: false, errorCode: null };
    (req as Request & { [METER]?: CallMeter })[METER] = meter;
    res.once('close', () => this.end(meter, requestIdOf(req), res));
  }

  private end(meter: CallMeter, requestId: string, res: Response): void {
    if (!meter.processed) {
      this.quota.giveBack(meter.auth.accountId, meter.takenAt).catch((error) =>
        this.logger.error({ msg: 'could not give back a monthly quota call', request_id: requestId, error: error.message }),
      );
      return;
    }
    const statusCode = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
    this.queue.add({
      eventId: randomUUID(),
      requestId,
      accountId: meter.auth.accountId,
      keyId: meter.auth.keyId,
      endpoint: meter.endpoint,
      statusCode,
      success: statusCode < 400,
      errorCode: statusCode < 400 ? null : meter.errorCode,
      latencyMs: Math.round(performance.now() - meter.startedAt),
      time: meter.takenAt.toISOString(),
    });
  }
}
