import createClient, { type Client } from 'openapi-fetch';
import { errorFromResponse, FaceAuthError } from './errors';
import { ImageInput, toFormData, toImageFile } from './images';
import type { paths } from './schema';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = NonNullable<paths[P][M]> extends { responses: infer R } ? R : never;
/** The JSON body a route answers with on `status`. */
type Body<P extends keyof paths, M extends keyof paths[P], S extends keyof Responses<P, M>> = JsonBody<Responses<P, M>[S]>;

export type RegisterRequest = NonNullable<paths['/api/v1/register']['post']['requestBody']>['content']['application/json'];
export type RegisterResponse = Body<'/api/v1/register', 'post', 201>;
export type EnrollResponse = Body<'/api/v1/enroll', 'post', 201>;
export type VerifyResponse = Body<'/api/v1/verify', 'post', 200>;
export type MatchResponse = Body<'/api/v1/match', 'post', 200>;
export type UsageResponse = Body<'/api/v1/usage', 'get', 200>;
export type UserListResponse = Body<'/api/v1/users', 'get', 200>;
export type UserResponse = Body<'/api/v1/users/{name}', 'get', 200>;
export type DeleteUserResponse = Body<'/api/v1/users/{name}', 'delete', 200>;
export type DeleteSampleResponse = Body<'/api/v1/users/{name}/samples/{id}', 'delete', 200>;
export type HealthResponse = Body<'/api/v1/health', 'get', 200>;

export interface FaceAuthClientOptions {
  /** The server's root URL, e.g. `https://faceauth.example.com` (a trailing `/api/v1` is accepted too). */
  baseUrl: string;
  /** Your key, `fa_...`; sent as `X-API-Key`. Not needed for `register` and `health`. */
  apiKey?: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Headers sent with every request, e.g. `X-Request-Id`. */
  headers?: Record<string, string>;
}

export interface EnrollOptions {
  /** Replace every stored sample of `name` instead of adding to them, even when the new photos show someone else. */
  replace?: boolean;
}

export interface ListUsersOptions {
  /** Page size, 1-100 (default 20). */
  limit?: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
}

const FILE_FIELDS = ['image', 'image1', 'image2'] as const;

/**
 * The FaceAuth API. Each method makes one call and returns its JSON body; a failure throws a
 * FaceAuthError carrying the contract's error code. `api` is the generated, fully typed client for
 * anything the methods do not cover.
 */
export class FaceAuthClient {
  readonly api: Client<paths>;

  constructor(options: FaceAuthClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    this.api = createClient<paths>({
      baseUrl,
      fetch: options.fetch,
      headers: { ...options.headers, ...(options.apiKey && { 'X-API-Key': options.apiKey }) },
    });
  }

  /** Creates a developer account; the response holds its API key, shown only this once. */
  register(account: RegisterRequest): Promise<RegisterResponse> {
    return this.call(() => this.api.POST('/api/v1/register', { body: account }));
  }

  /** Enrolls one to three photos of one person under your id for them (`name`). */
  async enroll(name: string, images: ImageInput[], options: EnrollOptions = {}): Promise<EnrollResponse> {
    if (images.length < 1 || images.length > FILE_FIELDS.length) throw new RangeError('enroll takes 1 to 3 images');
    const files = await Promise.all(images.map(toImageFile));
    const body = {
      name,
      image: files[0],
      image1: files[1],
      image2: files[2],
      replace: options.replace === undefined ? undefined : options.replace ? ('true' as const) : ('false' as const),
    };
    return this.call(() => this.api.POST('/api/v1/enroll', { body, bodySerializer: toFormData }));
  }

  /** Is the face in `image` the person enrolled as `name`? A no-match is a result (`match: false`), not an error. */
  async verify(name: string, image: ImageInput): Promise<VerifyResponse> {
    const body = { name, image: await toImageFile(image) };
    return this.call(() => this.api.POST('/api/v1/verify', { body, bodySerializer: toFormData }));
  }

  /** Do two photos show the same person? Nothing is stored. */
  async match(image1: ImageInput, image2: ImageInput): Promise<MatchResponse> {
    const [file1, file2] = await Promise.all([toImageFile(image1), toImageFile(image2)]);
    const body = { image1: file1, image2: file2 };
    return this.call(() => this.api.POST('/api/v1/match', { body, bodySerializer: toFormData }));
  }

  /** This month's and all-time counted calls, limits, the last 30 days and the last 20 calls of your account. */
  usage(): Promise<UsageResponse> {
    return this.call(() => this.api.GET('/api/v1/usage'));
  }

  /** The users your account has enrolled, oldest first, one page at a time. */
  listUsers(options: ListUsersOptions = {}): Promise<UserListResponse> {
    return this.call(() => this.api.GET('/api/v1/users', { params: { query: options } }));
  }

  /** One enrolled user with its face samples. */
  getUser(name: string): Promise<UserResponse> {
    return this.call(() => this.api.GET('/api/v1/users/{name}', { params: { path: { name } } }));
  }

  /** Deletes an enrolled user and every face template stored for them. */
  deleteUser(name: string): Promise<DeleteUserResponse> {
    return this.call(() => this.api.DELETE('/api/v1/users/{name}', { params: { path: { name } } }));
  }

  /** Deletes one face sample (the user goes with their last sample). */
  deleteSample(name: string, sampleId: number): Promise<DeleteSampleResponse> {
    return this.call(() => this.api.DELETE('/api/v1/users/{name}/samples/{id}', { params: { path: { name, id: sampleId } } }));
  }

  /** The service's health. An unhealthy service (HTTP 503) is a result too: `status: "unhealthy"`. */
  health(): Promise<HealthResponse> {
    return this.call(() => this.api.GET('/api/v1/health'), [503]);
  }

  /** Runs one request: its body on success (or on an `accepted` error status), else a FaceAuthError. */
  private async call<T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>, accepted: number[] = []): Promise<T> {
    let result: Awaited<ReturnType<typeof send>>;
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
}
