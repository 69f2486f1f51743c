import type { Request } from 'express';
import { extractApiKey } from './extract-api-key';

function req(headers: Record<string, string>, body?: unknown): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { header: (name: string) => lower[name.toLowerCase()], body } as unknown as Request;
}

describe(extractApiKey.name, () => {
  it('reads X-API-Key first, then Bearer, then the body', () => {
    expect(extractApiKey(req({ 'X-API-Key': 'a', Authorization: 'Bearer b' }, { api_key: 'c' }))).toEqual({ key: 'a', source: 'header' });
    expect(extractApiKey(req({ Authorization: 'Bearer b' }, { api_key: 'c' }))).toEqual({ key: 'b', source: 'bearer' });
    expect(extractApiKey(req({}, { api_key: ' c ' }))).toEqual({ key: 'c', source: 'body' });
  });

  it('tolerates case and extra spaces around Bearer', () => {
    expect(extractApiKey(req({ Authorization: '  bearer   k1  ' }))).toEqual({ key: 'k1', source: 'bearer' });
  });

  it('turns a non-Bearer Authorization header into an empty (invalid) key', () => {
    expect(extractApiKey(req({ Authorization: 'Basic abc' }))).toEqual({ key: '', source: 'bearer' });
    expect(extractApiKey(req({ Authorization: 'Bearer a b' }))).toEqual({ key: '', source: 'bearer' });
  });

  it('returns undefined when no key is offered', () => {
    expect(extractApiKey(req({}))).toBeUndefined();
    expect(extractApiKey(req({ 'X-API-Key': '   ' }))).toBeUndefined();
    expect(extractApiKey(req({}, ['fa_x']))).toBeUndefined();
    expect(extractApiKey(req({}, { api_key: 42 }))).toBeUndefined();
  });
});
