import { storage } from 'nestjs-pino/storage';

/** The field that carries the request id on every log line of a request (the access line and the lines logged while it runs). */
export const REQUEST_ID_FIELD = 'request_id';

/**
 * The id of the request the calling code runs for, read off the request's logger (bound by httpLogger); undefined
 * outside a request. Lets work sent off the thread (inference jobs) take the id along without every caller passing it.
 */
export function currentRequestId(): string | undefined {
  const id: unknown = storage.getStore()?.logger.bindings()[REQUEST_ID_FIELD];
  return typeof id === 'string' ? id : undefined;
}

/**
 * Runs `write` outside any request's logging context, so that the root logger writes: for a line that carries a
 * request id of its own (an inference worker's), which the request's logger would otherwise write a second time.
 */
export function outsideRequest<T>(write: () => T): T {
  return storage.exit(write);
}
