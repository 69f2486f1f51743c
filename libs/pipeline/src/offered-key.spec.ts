import type { Request } from 'express';
import { bearerToken, keyFromHeaders, keyFromJsonBody } from './offered-key';

function req(headers: Record<string, string>, body?: unknown): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { header: (name: string) => lower[name.toLowerCase()], body } as unknown as Request;
}

describe('offered keys', () => {
  it('reads X-API-Key first, then Bearer', () => {
    expect(keyFromHeaders(req({ 'X-API-Key': 'a', Authorization: 'Bearer b' }))).toBe('a');
    expect(keyFromHeaders(req({ Authorization: 'Bearer b' }))).toBe('b');
  });

  it('tolerates case and extra spaces around Bearer', () => {
    expect(bearerToken(req({ Authorization: '  bearer   k1  ' }))).toBe('k1');
  });

  it('turns a non-Bearer Authorization header into an empty (invalid) key', () => {
    expect(keyFromHeaders(req({ Authorization: 'Basic abc' }))).toBe('');
    expect(keyFromHeaders(req({ Authorization: 'Bearer a b' }))).toBe('');
  });

  it('returns undefined when no header carries a key', () => {
    expect(keyFromHeaders(req({}))).toBeUndefined();
    expect(keyFromHeaders(req({ 'X-API-Key': '   ' }))).toBeUndefined();
  });

  it('reads a JSON body key only from an object with a string api_key', () => {
    expect(keyFromJsonBody(req({}, { api_key: ' c ' }))).toBe('c');
    expect(keyFromJsonBody(req({}, ['fa_x']))).toBeUndefined();
    expect(keyFromJsonBody(req({}, { api_key: 42 }))).toBeUndefined();
    expect(keyFromJsonBody(req({}))).toBeUndefined();
  });
});
