import { BadRequestException, NotFoundException } from '@nestjs/common';
import { MultipleFacesError, NoFaceError, RateLimitError } from '../errors/domain-error';
import { envelope, resolveError } from './error-envelope';

describe(resolveError.name, () => {
  it('keeps a domain error code, status, details and headers', () => {
    expect(resolveError(new MultipleFacesError(3))).toMatchObject({ status: 422, code: 'MULTIPLE_FACES', details: { faces: 3 }, unexpected: false });
    expect(resolveError(new RateLimitError(12, 100))).toMatchObject({ status: 429, code: 'RATE_LIMIT', headers: { 'Retry-After': '12' } });
  });

  it('maps framework 404s and 400s to contract codes with our own wording', () => {
    expect(resolveError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Route not found' });
    const parse = resolveError(new BadRequestException('Unexpected token } in JSON at position 3'));
    expect(parse).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(parse.message).not.toMatch(/position/);
  });

  it('maps body-parser size errors to 413 PAYLOAD_TOO_LARGE', () => {
    expect(resolveError(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('hides anything unknown behind a generic 500 PROCESSING_ERROR', () => {
    const resolved = resolveError(new Error('ECONNREFUSED 10.0.0.1:5432 password=secret'));
    expect(resolved).toMatchObject({ status: 500, code: 'PROCESSING_ERROR', message: 'Internal server error', unexpected: true });
    expect(resolveError('a string')).toMatchObject({ status: 500, code: 'PROCESSING_ERROR' });
  });
});

describe(envelope.name, () => {
  it('writes the contract envelope, with details only when present', () => {
    expect(envelope(resolveError(new NoFaceError()), 'r1')).toEqual({
      success: false,
      error: { code: 'NO_FACE', message: 'No face detected in image' },
      request_id: 'r1',
    });
    expect(envelope(resolveError(new MultipleFacesError(2)), 'r2').error.details).toEqual({ faces: 2 });
  });
});
