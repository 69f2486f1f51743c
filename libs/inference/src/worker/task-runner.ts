import type { LoggerService } from '@nestjs/common';
import { DomainError, serializeError } from '@faceauth/common';
import type { InferenceService, StageTimings } from '../inference.service';
import { InferenceOutcome, InferenceTask, TASK_QUEUED, TASK_RUNNING } from './inference-task';
import { withJobRequestId } from './worker-logger';

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs the photos of one worker thread, each in its request's log context (see withJobRequestId), and logs one
 * line per photo: at debug level when it ran or was refused with a contract error (the request's own line
 * already says which), at warn level when it failed otherwise (the request answers 500 or 503).
 */
export class TaskRunner {
  constructor(
    private readonly service: Pick<InferenceService, 'detect' | 'extractTemplate'>,
    private readonly logger: LoggerService,
  ) {}

  run(task: InferenceTask): Promise<InferenceOutcome> {
    return withJobRequestId(task.requestId, () => this.handle(task));
  }

  private async handle(task: InferenceTask): Promise<InferenceOutcome> {
    if (Atomics.compareExchange(task.state, 0, TASK_QUEUED, TASK_RUNNING) !== TASK_QUEUED) return { status: 'cancelled' };
    const start = performance.now();
    const image = Buffer.from(task.image.buffer, task.image.byteOffset, task.image.byteLength);
    const timings: StageTimings = {};
    try {
      const result =
        task.op === 'detect'
          ? { faces: await this.service.detect(image) }
          : { template: await this.service.extractTemplate(image, task.policy, { liveness: task.liveness, earlyMatch: task.earlyMatch, mirrorPassMaxYawDeg: task.mirrorPassMaxYawDeg, timings }) };
      const ms = performance.now() - start;
      this.logger.debug?.({ msg: 'inference job', op: task.op, outcome: 'done', ms: round1(ms), timings_ms: roundAll(timings) });
      return { status: 'done', ...result, timings, ms };
    } catch (error) {
      const ms = performance.now() - start;
      const serialized = serializeError(error);
      if (error instanceof DomainError && error.status < 500) {
        this.logger.debug?.({ msg: 'inference job', op: task.op, outcome: 'refused', error_code: error.code, ms: round1(ms) });
      } else {
        this.logger.warn({ msg: 'inference job failed', op: task.op, outcome: 'failed', error_code: serialized.code ?? null, error: `${serialized.name}: ${serialized.message}`, stack: serialized.stack, ms: round1(ms) });
      }
      return { status: 'failed', error: serialized, ms };
    }
  }
}

function roundAll(timings: StageTimings): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([stage, ms]) => [stage, round1(ms)]));
}
