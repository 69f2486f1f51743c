import type { components, paths } from './schema.js';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = NonNullable<paths[P][M]> extends { responses: infer R } ? R : never;
/** The JSON body a route answers with on `status`. */
type Body<P extends keyof paths, M extends keyof paths[P], S extends keyof Responses<P, M>> = JsonBody<Responses<P, M>[S]>;
type Schema<N extends keyof components['schemas']> = components['schemas'][N];

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

export type StartLoginResponse = Body<'/api/v1/login-sessions', 'post', 201>;
export type LoginSessionResponse = Body<'/api/v1/login-sessions/{id}', 'get', 200>;
export type LoginAttemptResponse = Body<'/api/v1/login-sessions/{id}/attempts', 'post', 200>;
export type LoginChallengeResponse = Body<'/api/v1/login-sessions/{id}/challenge', 'get', 200>;
export type LivenessFramesResponse = Body<'/api/v1/login-sessions/{id}/frames', 'post', 200>;
export type ConfirmLoginResponse = Body<'/api/v1/login-sessions/confirm', 'post', 200>;
export type StartEnrollSessionResponse = Body<'/api/v1/enroll-sessions', 'post', 201>;
export type EnrollSessionResponse = Body<'/api/v1/enroll-sessions/{id}', 'get', 200>;
export type EnrollPhotoResponse = Body<'/api/v1/enroll-sessions/{id}/photos', 'post', 200>;
export type KeyListResponse = Body<'/api/v1/keys', 'get', 200>;
export type CreateKeyResponse = Body<'/api/v1/keys', 'post', 201>;
export type KeyResponse = Body<'/api/v1/keys/{id}', 'patch', 200>;
/** A key as listed: masked, with its kind, name, origins and times. */
export type ApiKeyInfo = Schema<'KeyDto'>;
export type KeyKind = Schema<'CreateKeyDto'>['kind'];
export type LivenessMode = Schema<'LivenessRequestDto'>['mode'];

export interface StartLoginOptions {
  /** The user id to sign in: the name they were enrolled under. */
  userId: string;
  /** 1-128 chars chosen by your backend and bound to the browser session; it comes back in the token and the confirmation. */
  nonce?: string;
  /** `{ mode: 'off' }` (one frame; secret keys only) or `{ mode: 'active' }`; default: the server's configuration. */
  liveness?: { mode: LivenessMode };
}

/** What `attemptLogin` needs of a started session: `startLogin`'s answer will do. */
export interface LoginSessionCredentials {
  session_id: string;
  /** Authorizes the session's attempts (Authorization: Bearer), nothing else. */
  client_secret: string;
}

export interface StartEnrollSessionOptions {
  /** Your id for the person, enrolled as `enroll`'s name. */
  userId: string;
  /** Replace the user's stored samples instead of adding to them (as `enroll`'s `replace`). */
  replace?: boolean;
}

/** What `sendEnrollPhoto` needs of a started enrollment session: `startEnrollSession`'s answer will do. */
export interface EnrollSessionCredentials {
  session_id: string;
  /** Authorizes the session's photos (Authorization: Bearer), nothing else. */
  client_secret: string;
}

export interface CreateKeyOptions {
  /** `secret`: every route, for your server. `publishable`: only `POST /login-sessions`, safe in a web page. */
  kind: KeyKind;
  /** Your label for the key. */
  name?: string;
  /** Publishable keys only: the exact origins (`https://shop.example.com`) requests must come from; empty: any. */
  allowedOrigins?: string[];
}

export interface UpdateKeyOptions {
  name?: string;
  /** Replaces the list of allowed origins (publishable keys); `[]` allows any origin. */
  allowedOrigins?: string[];
}
