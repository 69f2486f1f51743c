import { errorFromResponse, FaceAuthError } from './errors.js';

/** What an openapi-fetch call resolves to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Runs one request: its body on success (or on an `accepted` error status), else the FaceAuthError of its
 * error envelope; a request that got no answer throws NETWORK_ERROR.
 */
export async function bodyOf<T>(send: () => Promise<FetchResult<T>>, accepted: number[] = []): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await send();
  } catch (cause) {
    throw new FaceAuthError({ code: 'NETWORK_ERROR', message: `Request failed: ${(cause as Error)?.message ?? cause}`, status: 0, cause });
  }
  const { data, error, response } = result;
  if (response.ok && data !== undefined) return data;
  if (accepted.includes(response.status) && error !== undefined) return error as T;
  throw errorFromResponse(response, error ?? data);
}
