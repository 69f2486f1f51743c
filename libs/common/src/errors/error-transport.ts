import * as domainErrors from './domain-error';
import { DomainError, ErrorDetails } from './domain-error';
import { ERROR_STATUS, ErrorCode } from './error-codes';

/**
 * An error as it crosses a thread boundary (postMessage's structured clone keeps only an Error's message and
 * stack, never its class or own fields): enough to rebuild the same class on the other side.
 */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Set for DomainErrors: the contract code, details and response headers. */
  code?: string;
  details?: ErrorDetails;
  headers?: Record<string, string>;
}

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/** Every DomainError class of domain-error.ts by name, so that a new one crosses threads without being listed. */
const DOMAIN_ERROR_CLASSES: ReadonlyMap<string, DomainErrorClass> = new Map(
  (Object.values(domainErrors) as unknown[])
    .filter((value): value is DomainErrorClass => typeof value === 'function' && (value === DomainError || value.prototype instanceof DomainError))
    .map((type) => [type.name, type]),
);

export function domainErrorClasses(): DomainErrorClass[] {
  return [...DOMAIN_ERROR_CLASSES.values()];
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainError) {
    return { name: error.name, message: error.message, stack: error.stack, code: error.code, details: error.details, headers: error.headers };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/**
 * The error back on this thread. A DomainError comes back as an instance of its own class (code, details,
 * headers, message and the stack of the thread that threw it); its constructor is not run again, since each
 * class builds its message from its own arguments. Anything else is unexpected: an Error saying where it
 * happened, with the original (name, message, stack) as its `cause`.
 */
export function reviveError(serialized: SerializedError, origin: string): Error {
  if (serialized.code && serialized.code in ERROR_STATUS) {
    const type = DOMAIN_ERROR_CLASSES.get(serialized.name) ?? DomainError;
    const error: DomainError = Reflect.construct(Error, [serialized.message], type);
    const code = serialized.code as ErrorCode;
    Object.assign(error, { name: serialized.name, code, status: ERROR_STATUS[code], details: serialized.details, headers: serialized.headers ?? {} });
    if (serialized.stack) error.stack = serialized.stack;
    return error;
  }
  const original = new Error(serialized.message);
  original.name = serialized.name;
  if (serialized.stack) original.stack = serialized.stack;
  return new Error(`${origin} failed: ${serialized.name}: ${serialized.message}`, { cause: original });
}
