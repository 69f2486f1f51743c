import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { threadId } from 'node:worker_threads';
import type { WorkerEvent, WorkerLogLevel } from './inference-task';

/** pino's level numbers: a line is posted only when its level reaches LOG_LEVEL's. */
const SEVERITY: Record<WorkerLogLevel, number> = { debug: 20, log: 30, warn: 40, error: 50 };
const THRESHOLD: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };

/** The request id of the photo this thread is working on. */
const currentJob = new AsyncLocalStorage<string | undefined>();

/** Runs one job's work so that every line logged during it (by any code of this thread) carries its request id. */
export function withJobRequestId<T>(requestId: string | undefined, work: () => T): T {
  return currentJob.run(requestId, work);
}

/** A log call's message as fields that survive postMessage: a string is `msg`, an object is copied as JSON. */
function fieldsOf(message: unknown): Record<string, unknown> {
  if (message instanceof Error) return { msg: message.message, err: { type: message.name, message: message.message, stack: message.stack } };
  if (message !== null && typeof message === 'object') return JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  return { msg: String(message) };
}

/**
 * The worker thread's Nest LoggerService: each line goes to the main thread as a WorkerEvent (written there
 * with the application's logger, since only the main thread owns stdout's JSON stream), with the thread id and
 * the request id of the job it was logged in. Lines below `logLevel` are not posted at all.
 */
export function forwardingLogger(post: (event: WorkerEvent) => void, logLevel: string): LoggerService {
  const threshold = THRESHOLD[logLevel] ?? THRESHOLD.info;
  const forward = (level: WorkerLogLevel) => (message: unknown, ...params: unknown[]) => {
    if (SEVERITY[level] < threshold) return;
    // Nest's Logger appends the logger's context as the last parameter.
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    post({ type: 'log', level, context, fields: { ...fieldsOf(message), thread: threadId }, requestId: currentJob.getStore() });
  };
  return { debug: forward('debug'), log: forward('log'), warn: forward('warn'), error: forward('error') };
}
