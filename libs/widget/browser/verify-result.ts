import { VerifyBody, WidgetError } from './types';

export type VerifyOutcome = { ok: true; body: VerifyBody } | { ok: false; error: WidgetError };

type Json = Record<string, any> | null;

/**
 * Turns an HTTP status and parsed body of POST /api/v1/verify into the widget's outcome:
 * a 200 with match:true succeeds, a 200 with match:false is NO_MATCH, an error envelope passes its code through.
 */
export function interpretVerifyResponse(status: number, body: Json): VerifyOutcome {
  if (body && body.success === true && status >= 200 && status < 300) {
    if (body.match === true) return { ok: true, body: body as VerifyBody };
    return { ok: false, error: { code: 'NO_MATCH', message: String(body.message || 'Face does not match') } };
  }
  const error = body && body.error;
  if (error && typeof error.code === 'string') {
    return { ok: false, error: { code: error.code, message: String(error.message || error.code) } };
  }
  return { ok: false, error: { code: 'NETWORK', message: `Unexpected response from the server (HTTP ${status})` } };
}
