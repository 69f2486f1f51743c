import createClient, { type Client } from 'openapi-fetch';
import { type ImageInput, toFormData, toImageFile } from './images.js';
import { LoginTokenVerifier, type LoginTokenClaims, type VerifyLoginTokenOptions } from './login-token.js';
import { bodyOf } from './request.js';
import type { paths } from './schema.js';
import type {
  ConfirmLoginResponse,
  CreateKeyOptions,
  CreateKeyResponse,
  DeleteSampleResponse,
  EnrollPhotoResponse,
  EnrollSessionCredentials,
  EnrollSessionResponse,
  DeleteUserResponse,
  EnrollResponse,
  HealthResponse,
  KeyListResponse,
  KeyResponse,
  LoginAttemptResponse,
  LoginChallengeResponse,
  LivenessFramesResponse,
  LoginSessionCredentials,
  LoginSessionResponse,
  MatchResponse,
  RegisterRequest,
  RegisterResponse,
  StartLoginOptions,
  StartEnrollSessionOptions,
  StartEnrollSessionResponse,
  StartLoginResponse,
  UpdateKeyOptions,
  UsageResponse,
  UserListResponse,
  UserResponse,
  VerifyResponse,
} from './types.js';

export interface FaceAuthClientOptions {
  /** The server's root URL, e.g. `https://faceauth.example.com` (a trailing `/api/v1` is accepted too). */
  baseUrl: string;
  /**
   * Your key, sent as `X-API-Key`: a secret key (`fa_...`, every route: keep it on your server) or a publishable
   * key (`fa_pub_...`: `startLogin` only). Not needed for `register`, `health`, `attemptLogin` and `verifyLoginToken`.
   */
  apiKey?: string;
  /** A fetch implementation (default: the global one). `verifyLoginToken` fetches the JWKS through jose, not this. */
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
  /** The server's root URL, without a trailing `/` or `/api/v1`. */
  readonly baseUrl: string;
  /** Made on the first `verifyLoginToken`: a browser client may have a relative `baseUrl`. */
  private tokens?: LoginTokenVerifier;

  constructor(options: FaceAuthClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: options.fetch,
      headers: { ...options.headers, ...(options.apiKey && { 'X-API-Key': options.apiKey }) },
    });
  }

  /** Creates a developer account; the response holds its API key, shown only this once. */
  register(account: RegisterRequest): Promise<RegisterResponse> {
    return bodyOf(() => this.api.POST('/api/v1/register', { body: account }));
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
    return bodyOf(() => this.api.POST('/api/v1/enroll', { body, bodySerializer: toFormData }));
  }

  /** Is the face in `image` the person enrolled as `name`? A no-match is a result (`match: false`), not an error. */
  async verify(name: string, image: ImageInput): Promise<VerifyResponse> {
    const body = { name, image: await toImageFile(image) };
    return bodyOf(() => this.api.POST('/api/v1/verify', { body, bodySerializer: toFormData }));
  }

  /** Do two photos show the same person? Nothing is stored. */
  async match(image1: ImageInput, image2: ImageInput): Promise<MatchResponse> {
    const [file1, file2] = await Promise.all([toImageFile(image1), toImageFile(image2)]);
    const body = { image1: file1, image2: file2 };
    return bodyOf(() => this.api.POST('/api/v1/match', { body, bodySerializer: toFormData }));
  }

  /** This month's and all-time counted calls, limits, the last 30 days and the last 20 calls of your account. */
  usage(): Promise<UsageResponse> {
    return bodyOf(() => this.api.GET('/api/v1/usage'));
  }

  /** The users your account has enrolled, oldest first, one page at a time. */
  listUsers(options: ListUsersOptions = {}): Promise<UserListResponse> {
    return bodyOf(() => this.api.GET('/api/v1/users', { params: { query: options } }));
  }

  /** One enrolled user with its face samples. */
  getUser(name: string): Promise<UserResponse> {
    return bodyOf(() => this.api.GET('/api/v1/users/{name}', { params: { path: { name } } }));
  }

  /** Deletes an enrolled user and every face template stored for them. */
  deleteUser(name: string): Promise<DeleteUserResponse> {
    return bodyOf(() => this.api.DELETE('/api/v1/users/{name}', { params: { path: { name } } }));
  }

  /** Deletes one face sample (the user goes with their last sample). */
  deleteSample(name: string, sampleId: number): Promise<DeleteSampleResponse> {
    return bodyOf(() => this.api.DELETE('/api/v1/users/{name}/samples/{id}', { params: { path: { name, id: sampleId } } }));
  }

  /** The service's health. An unhealthy service (HTTP 503) is a result too: `status: "unhealthy"`. */
  health(): Promise<HealthResponse> {
    return bodyOf(() => this.api.GET('/api/v1/health'), [503]);
  }

  /**
   * Starts a login for `userId` (from your backend, with a secret key; or with a publishable key). Hand
   * `session_id` and `client_secret` to the widget (or to `attemptLogin`); never log the secret.
   */
  startLogin(options: StartLoginOptions): Promise<StartLoginResponse> {
    const body = { user_id: options.userId, nonce: options.nonce, liveness: options.liveness };
    return bodyOf(() => this.api.POST('/api/v1/login-sessions', { body }));
  }

  /** A login session's state (`pending`, `succeeded`, `failed`, `expired`), attempts and times, for audit. Secret key. */
  getLoginSession(sessionId: string): Promise<LoginSessionResponse> {
    return bodyOf(() => this.api.GET('/api/v1/login-sessions/{id}', { params: { path: { id: sessionId } } }));
  }

  /** A session's liveness mode, current challenge, the step to send next and the attempts left. Client secret only. */
  getLoginChallenge(session: LoginSessionCredentials): Promise<LoginChallengeResponse> {
    return bodyOf(() =>
      this.api.GET('/api/v1/login-sessions/{id}/challenge', {
        params: { path: { id: session.session_id } },
        headers: { 'X-API-Key': null, Authorization: `Bearer ${session.client_secret}` },
      }),
    );
  }

  /**
   * Sends the frames of one active-liveness step (what the widget does as the person moves): steps in order, each
   * once, as they are captured (the server times them on arrival). Client secret only. Then `attemptLogin(session)`.
   */
  async sendLivenessFrames(session: LoginSessionCredentials, step: number, frames: ImageInput[]): Promise<LivenessFramesResponse> {
    const files = await Promise.all(frames.map(toImageFile));
    const body = { step, ...Object.fromEntries(files.map((file, i) => [`frame${i}`, file])) } as { step: number; frame0: Blob };
    return bodyOf(() =>
      this.api.POST('/api/v1/login-sessions/{id}/frames', {
        params: { path: { id: session.session_id } },
        headers: { 'X-API-Key': null, Authorization: `Bearer ${session.client_secret}` },
        body,
        bodySerializer: ({ step: index, ...rest }) => toFormData({ ...rest, step: String(index) }),
      }),
    );
  }

  /**
   * Attempts a started session (what the widget does in the browser): for servers and tests. Authorized by the
   * session's client secret alone (no API key is sent). Liveness `off`: exactly one frame. Active liveness: no
   * frames, once every step went through `sendLivenessFrames`. A wrong face or a failed liveness is a result
   * (`match: false`, `status`, `attempts_left`); on a match the answer holds the login `token`.
   */
  async attemptLogin(session: LoginSessionCredentials, frames: ImageInput | ImageInput[] = []): Promise<LoginAttemptResponse> {
    const list = Array.isArray(frames) ? frames : [frames];
    const files = await Promise.all(list.map(toImageFile));
    const options = {
      params: { path: { id: session.session_id } },
      headers: { 'X-API-Key': null, Authorization: `Bearer ${session.client_secret}` },
    };
    if (files.length === 0) return bodyOf(() => this.api.POST('/api/v1/login-sessions/{id}/attempts', { ...options, body: {} as never }));
    const body = Object.fromEntries(files.map((file, i) => [`frame${i}`, file])) as { frame0: Blob };
    return bodyOf(() => this.api.POST('/api/v1/login-sessions/{id}/attempts', { ...options, body, bodySerializer: toFormData }));
  }

  /**
   * Confirms a login token on the server, exactly once: the same token again throws TokenAlreadyUsedError; a
   * forged, expired or other account's token throws InvalidTokenError. Check `user_id` and `nonce` in the answer.
   */
  confirmLogin(token: string): Promise<ConfirmLoginResponse> {
    return bodyOf(() => this.api.POST('/api/v1/login-sessions/confirm', { body: { token } }));
  }

  /**
   * Verifies a login token offline: signature against the server's JWKS (EdDSA), `typ`, issuer, audience (your
   * account's public id), lifetime and, when given, the nonce. It throws InvalidTokenError (with a `reason`) for a
   * refused token. It cannot know whether the token was used before: accept each `jti` once yourself (keep the
   * ones seen until their `exp`), or call `confirmLogin`, which does it for you.
   */
  verifyLoginToken(token: string, options: VerifyLoginTokenOptions): Promise<LoginTokenClaims> {
    this.tokens ??= new LoginTokenVerifier(new URL(`${this.baseUrl}/.well-known/jwks.json`, globalThis.location?.href), this.baseUrl);
    return this.tokens.verify(token, options);
  }

  /**
   * Starts an enrollment through the widget for `userId` (your backend, secret key). Hand
   * `<session_id>:<client_secret>` to the widget (`FaceAuth.enroll({ session })`); never log the secret.
   */
  startEnrollSession(options: StartEnrollSessionOptions): Promise<StartEnrollSessionResponse> {
    const body = { user_id: options.userId, replace: options.replace };
    return bodyOf(() => this.api.POST('/api/v1/enroll-sessions', { body }));
  }

  /** An enrollment session's status (`collecting`, `enrolled`, `failed`, `expired`): did the enrollment happen? Secret key. */
  getEnrollSession(sessionId: string): Promise<EnrollSessionResponse> {
    return bodyOf(() => this.api.GET('/api/v1/enroll-sessions/{id}', { params: { path: { id: sessionId } } }));
  }

  /**
   * Sends the photo of one step of an enrollment session (what the widget does in the browser): for servers and
   * tests. Authorized by the session's client secret alone. A refused photo throws (LOW_QUALITY, NO_FACE, ...:
   * `message` is fit to show to the person); the last step's answer says `status: "enrolled"`.
   */
  async sendEnrollPhoto(session: EnrollSessionCredentials, step: number, image: ImageInput): Promise<EnrollPhotoResponse> {
    const body = { step, photo: await toImageFile(image) };
    return bodyOf(() =>
      this.api.POST('/api/v1/enroll-sessions/{id}/photos', {
        params: { path: { id: session.session_id } },
        headers: { 'X-API-Key': null, Authorization: `Bearer ${session.client_secret}` },
        body,
        bodySerializer: (fields) => toFormData({ ...fields, step: String(fields.step) }),
      }),
    );
  }

  /** The account's keys, masked, revoked ones included. Secret key. */
  listKeys(): Promise<KeyListResponse> {
    return bodyOf(() => this.api.GET('/api/v1/keys'));
  }

  /** Creates a key; the answer's `api_key` is the full key, shown this once. Secret key. */
  createKey(options: CreateKeyOptions): Promise<CreateKeyResponse> {
    const body = { kind: options.kind, name: options.name, allowed_origins: options.allowedOrigins };
    return bodyOf(() => this.api.POST('/api/v1/keys', { body }));
  }

  /** Renames a key or replaces a publishable key's allowed origins. Secret key. */
  updateKey(keyId: number, changes: UpdateKeyOptions): Promise<KeyResponse> {
    const body = { name: changes.name, allowed_origins: changes.allowedOrigins };
    return bodyOf(() => this.api.PATCH('/api/v1/keys/{id}', { params: { path: { id: keyId } }, body }));
  }

  /** Revokes a key at once. The last active secret key cannot be revoked (LastSecretKeyError): create its successor first. */
  revokeKey(keyId: number): Promise<KeyResponse> {
    return bodyOf(() => this.api.DELETE('/api/v1/keys/{id}', { params: { path: { id: keyId } } }));
  }
}
