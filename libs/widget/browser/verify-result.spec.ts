import { interpretVerifyResponse } from './verify-result';

describe('interpretVerifyResponse', () => {
  it('hands a match to onSuccess with the whole verify body', () => {
    const body = { success: true, match: true, status: 'match', identity: 'ada', confidence: 97 };
    expect(interpretVerifyResponse(200, body)).toEqual({ ok: true, body });
  });

  it('turns a 200 with match:false into NO_MATCH carrying the API message', () => {
    const body = { success: true, match: false, status: 'no_match', message: 'Face does not match ada' };
    expect(interpretVerifyResponse(200, body)).toEqual({ ok: false, error: { code: 'NO_MATCH', message: 'Face does not match ada' } });
  });

  it('passes an API error code and message through', () => {
    const body = { success: false, error: { code: 'NO_FACE', message: 'No face detected in image', details: {} }, request_id: 'r1' };
    expect(interpretVerifyResponse(422, body)).toEqual({ ok: false, error: { code: 'NO_FACE', message: 'No face detected in image' } });
  });

  it('reports a body that is not the API envelope (a proxy page, an empty body) as NETWORK', () => {
    expect(interpretVerifyResponse(502, null)).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: 'Unexpected response from the server (HTTP 502)' },
    });
  });
});
