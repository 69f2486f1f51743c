import { WidgetConfig } from './types';
import { interpretVerifyResponse, VerifyOutcome } from './verify-result';

const TIMEOUT_MS = 30000;

const networkError = (message: string): VerifyOutcome => ({ ok: false, error: { code: 'NETWORK', message } });

/** Posts the captured frame to /api/v1/verify of the widget's own origin; never rejects. */
export async function verifyFace(config: WidgetConfig, image: Blob): Promise<VerifyOutcome> {
  const form = new FormData();
  form.append('name', config.userId);
  form.append('image', image, 'capture.jpg');
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${config.apiOrigin}/api/v1/verify`, {
      method: 'POST',
      headers: { 'X-API-Key': config.apiKey },
      body: form,
      signal: abort.signal,
    });
  } catch {
    return networkError(abort.signal.aborted ? 'The server took too long to answer' : 'Could not reach the server');
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => null);
  return interpretVerifyResponse(response.status, body);
}
