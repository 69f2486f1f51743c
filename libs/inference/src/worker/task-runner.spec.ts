import type { LoggerService } from '@nestjs/common';
import { InvalidImageError } from '@faceauth/common';
import type { FaceTemplate } from '../inference.types';
import { InferenceTask, TASK_QUEUED, WorkerEvent } from './inference-task';
import { TaskRunner } from './task-runner';
import { forwardingLogger } from './worker-logger';

const task = (requestId?: string): InferenceTask => ({
  op: 'extract',
  policy: 'single',
  liveness: false,
  image: new Uint8Array([1, 2, 3]),
  state: new Int32Array(new SharedArrayBuffer(4)).fill(TASK_QUEUED),
  requestId,
});

/** A worker thread's runner over a fake engine, with the lines it would post to the main thread. */
function worker(extract: (logger: LoggerService) => Promise<FaceTemplate>, logLevel = 'debug') {
  const events: Extract<WorkerEvent, { type: 'log' }>[] = [];
  const logger = forwardingLogger((event) => event.type === 'log' && events.push(event), logLevel);
  const runner = new TaskRunner({ detect: () => Promise.resolve([]), extractTemplate: () => extract(logger) }, logger);
  return { runner, logger, events };
}

describe(TaskRunner.name, () => {
  it('logs a photo the decoder refuses at debug level with its request id and contract code', async () => {
    const { runner, events } = worker(() => Promise.reject(new InvalidImageError()));
    const outcome = await runner.run(task('req-decode-1'));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'INVALID_IMAGE' } });
    expect(events).toEqual([
      { type: 'log', level: 'debug', context: undefined, requestId: 'req-decode-1', fields: { msg: 'inference job', op: 'extract', outcome: 'refused', error_code: 'INVALID_IMAGE', ms: expect.any(Number), thread: expect.any(Number) } },
    ]);
  });

  it('logs an unexpected failure at warn level with its request id, even at LOG_LEVEL=warn', async () => {
    const { runner, events } = worker(() => Promise.reject(new RangeError('offset out of bounds')), 'warn');
    await runner.run(task('req-boom-2'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: 'warn', requestId: 'req-boom-2', fields: { msg: 'inference job failed', outcome: 'failed', error_code: null, error: 'RangeError: offset out of bounds' } });
    expect(events[0].fields.stack).toContain('offset out of bounds');
  });

  it('gives the request id to every line logged while the photo runs, across awaits, and none outside a job', async () => {
    const { runner, logger, events } = worker(async (log) => {
      await new Promise((resolve) => setImmediate(resolve));
      log.warn('a stage was slow', 'OnnxInferenceService');
      throw new InvalidImageError();
    });
    await Promise.all([runner.run(task('req-a')), runner.run(task('req-b'))]);
    logger.log({ msg: 'outside any job', dir: 'models' }, 'InferenceWorker');
    expect(events.filter((e) => e.fields.msg === 'a stage was slow').map((e) => [e.context, e.requestId]).sort()).toEqual([['OnnxInferenceService', 'req-a'], ['OnnxInferenceService', 'req-b']]);
    expect(events.find((e) => e.fields.msg === 'outside any job')).toMatchObject({ level: 'log', context: 'InferenceWorker', requestId: undefined, fields: { dir: 'models' } });
  });

  it('logs a photo that ran at debug level with its stage timings, and posts nothing at LOG_LEVEL=info', async () => {
    const template = { embedding: new Float32Array(2) } as FaceTemplate;
    const debug = worker(() => Promise.resolve(template));
    expect(await debug.runner.run(task('req-ok'))).toMatchObject({ status: 'done', template });
    expect(debug.events).toEqual([expect.objectContaining({ level: 'debug', requestId: 'req-ok', fields: expect.objectContaining({ msg: 'inference job', outcome: 'done', timings_ms: {} }) })]);
    const info = worker(() => Promise.resolve(template), 'info');
    await info.runner.run(task('req-ok'));
    expect(info.events).toEqual([]);
  });

  it('runs nothing and logs nothing for a photo cancelled while it waited', async () => {
    const extract = jest.fn<Promise<FaceTemplate>, [LoggerService]>();
    const { runner, events } = worker(extract);
    const cancelled = task('req-gone');
    cancelled.state[0] = 2;
    expect(await runner.run(cancelled)).toEqual({ status: 'cancelled' });
    expect(extract).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});
