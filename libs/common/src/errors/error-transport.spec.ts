import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { resolveError } from '../http/error-envelope';
import * as errors from './domain-error';
import { DomainError } from './domain-error';
import { domainErrorClasses, reviveError, serializeError } from './error-transport';

/** One instance of every DomainError class, built the way the code builds them. */
const SAMPLES: DomainError[] = [
  new DomainError('NOT_FOUND', 'plain', { a: 1 }),
  new errors.MissingApiKeyError(),
  new errors.InvalidApiKeyError(),
  new errors.ValidationError('bad', { fields: { name: ['too long'] } }),
  new errors.MissingImageError('image1'),
  new errors.InvalidImageError('truncated', { reason: 'eof' }),
  new errors.PayloadTooLargeError(1024),
  new errors.NoFaceError({ field: 'image' }),
  new errors.MultipleFacesError(3, { field: 'image' }),
  new errors.FaceTooSmallError(12.34, 20),
  new errors.EnrollMismatchError({ distance: 0.9 }),
  new errors.IdentityMismatchError('Rahim'),
  new errors.NoEnrolledFacesError('Rahim'),
  new errors.NotFoundError(),
  new errors.RateLimitError(12, 100),
  new errors.MonthlyLimitError(3600, 1000),
  new errors.EmailExistsError(),
  new errors.ProcessingError(),
  new errors.ServiceUnavailableError(),
  new errors.InferenceBusyError(2.2),
  new errors.ForbiddenError('publishable keys may only start login sessions', { key_kind: 'publishable' }),
  new errors.UnsupportedMediaTypeError('charset latin1', { charset: 'latin1' }),
  new errors.LastSecretKeyError(),
  new errors.SessionExpiredError(),
  new errors.SessionClosedError('failed'),
  new errors.TokenAlreadyUsedError(),
  new errors.InvalidTokenError(true),
  new errors.LoginLockedError(30),
  new errors.LowQualityError('too blurred', { check: 'sharpness', value: 3, limit: 25, field: 'image' }),
];

/** Through a real MessagePort: the structured clone a worker thread's answer goes through. */
function overThreadBoundary<T>(value: T): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)!.message as T;
  port1.close();
  return received;
}

describe('error transport across a worker boundary', () => {
  it('has a sample of every DomainError class', () => {
    expect(new Set(SAMPLES.map((error) => error.constructor))).toEqual(new Set(domainErrorClasses()));
  });

  it.each(SAMPLES.map((error) => [error.name, error] as const))('brings a %s back as the same class with its code, details, headers and message', (_name, original) => {
    const revived = reviveError(overThreadBoundary(serializeError(original)), 'inference worker');
    expect(revived).toBeInstanceOf(original.constructor);
    expect(revived).toBeInstanceOf(Error);
    expect(revived).toMatchObject({
      name: original.name,
      code: original.code,
      status: original.status,
      message: original.message,
      details: original.details,
      headers: original.headers,
      stack: original.stack,
    });
  });

  it('answers a revived NoFaceError as 422 NO_FACE and an InferenceBusyError as 503 with Retry-After', () => {
    const noFace = reviveError(overThreadBoundary(serializeError(new errors.NoFaceError())), 'inference worker');
    expect(noFace).toBeInstanceOf(errors.NoFaceError);
    expect(resolveError(noFace)).toMatchObject({ status: 422, code: 'NO_FACE', message: 'No face detected in image' });
    const busy = reviveError(overThreadBoundary(serializeError(new errors.InferenceBusyError(3))), 'inference worker');
    expect(busy).toBeInstanceOf(errors.ServiceUnavailableError);
    expect(resolveError(busy)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', details: { retry_after: 3 }, headers: { 'Retry-After': '3' } });
  });

  it('brings an unexpected error back as an Error with the original as cause, answered as a 500', () => {
    const thrown = new TypeError('cannot read properties of undefined');
    const revived = reviveError(overThreadBoundary(serializeError(thrown)), 'inference worker');
    expect(revived).not.toBeInstanceOf(DomainError);
    expect(revived.message).toBe('inference worker failed: TypeError: cannot read properties of undefined');
    expect(revived.cause).toBeInstanceOf(Error);
    expect(revived.cause).toMatchObject({ name: 'TypeError', message: thrown.message, stack: thrown.stack });
    expect(resolveError(revived)).toMatchObject({ status: 500, code: 'PROCESSING_ERROR', message: 'Internal server error', unexpected: true });
  });

  it('turns a thrown non-error value into an unexpected error with its text', () => {
    const revived = reviveError(overThreadBoundary(serializeError('boom')), 'inference worker');
    expect(revived.cause).toMatchObject({ name: 'Error', message: 'boom' });
  });
});
