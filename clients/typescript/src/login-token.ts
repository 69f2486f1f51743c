import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { FaceAuthError, InvalidTokenError, type InvalidTokenReason } from './errors.js';

/** The `typ` header of a FaceAuth login token. */
export const LOGIN_TOKEN_TYPE = 'faceauth-login+jwt';
/** A login token lives at most this long (`exp - iat`), in seconds. */
const MAX_TOKEN_LIFETIME_SECONDS = 60;
const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'sid', 'amr', 'iat', 'exp', 'jti'];

/** The claims of a verified login token, exactly as the server signed them. */
export interface LoginTokenClaims {
  /** The API's public URL (its `PUBLIC_URL`). */
  iss: string;
  /** The account's public id (`user.public_id` of `/register`). */
  aud: string;
  /** The user id that logged in. */
  sub: string;
  /** The login session id. */
  sid: string;
  /** The nonce the session was started with, if any. */
  nonce?: string;
  /** `["face"]`, plus `"liveness"` when a liveness check passed. */
  amr: string[];
  iat: number;
  exp: number;
  /** The token's unique id: record it to accept each token once. */
  jti: string;
}

export interface VerifyLoginTokenOptions {
  /** Your account's public id (`user.public_id` of `/register`): a token of another account is refused. */
  audience: string;
  /** The nonce you started the session with: compared exactly. Pass it whenever you set one. */
  nonce?: string;
  /** The API's public URL, its `PUBLIC_URL` (default: the client's `baseUrl`, e.g. `https://auth.example.com`). */
  issuer?: string;
  /** Clock skew accepted on `iat` and `exp`, in seconds (default 5, as the server). */
  clockToleranceSeconds?: number;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The payload in the contract's shape, or null when a claim is missing or of the wrong type. */
function loginClaims(payload: JWTPayload): LoginTokenClaims | null {
  const { iss, aud, sub, sid, nonce, amr, iat, exp, jti } = payload as Record<string, unknown>;
  const ok =
    isString(iss) && isString(aud) && isString(sub) && isString(sid) && isString(jti) &&
    (nonce === undefined || isString(nonce)) &&
    Array.isArray(amr) && amr.every(isString) &&
    Number.isInteger(iat) && Number.isInteger(exp) &&
    (exp as number) > (iat as number) && (exp as number) - (iat as number) <= MAX_TOKEN_LIFETIME_SECONDS;
  if (!ok) return null;
  return { iss, aud, sub, sid, ...(nonce === undefined ? {} : { nonce }), amr, iat, exp, jti } as LoginTokenClaims;
}

/** jose's error codes, by the reason InvalidTokenError gives. */
const REASONS: Record<string, InvalidTokenReason> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature',
  ERR_JWKS_NO_MATCHING_KEY: 'signature',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'signature',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'claims',
  ERR_JOSE_ALG_NOT_ALLOWED: 'malformed',
  ERR_JOSE_NOT_SUPPORTED: 'malformed',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
};

function invalid(reason: InvalidTokenReason, message: string, cause?: unknown): InvalidTokenError {
  return new InvalidTokenError({ reason, message: `Invalid login token: ${message}`, status: 0, cause });
}

/** The SDK's error for what jose threw: a refused token, or a JWKS that could not be read. */
function translate(error: unknown, jwksUrl: URL): FaceAuthError {
  const { code, claim, message } = (error ?? {}) as { code?: string; claim?: string; message?: string };
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason === 'claims' && (claim === 'aud' || claim === 'iss')) return invalid(claim === 'aud' ? 'audience' : 'issuer', message ?? claim, error);
  if (reason) return invalid(reason, message ?? code!, error);
  const unexpected = code === 'ERR_JWKS_INVALID' || code === 'ERR_JOSE_GENERIC';
  return new FaceAuthError({
    code: unexpected ? 'UNEXPECTED_RESPONSE' : 'NETWORK_ERROR',
    message: `Could not read the login token keys at ${jwksUrl}: ${message ?? error}`,
    status: 0,
    cause: error,
  });
}

/**
 * Verifies login tokens offline against the server's JWKS (`/.well-known/jwks.json`), fetched once and cached by
 * jose; a token naming an unknown `kid` (a rotated key) refetches the set.
 */
export class LoginTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    readonly jwksUrl: URL,
    private readonly defaultIssuer: string,
  ) {
    this.jwks = createRemoteJWKSet(jwksUrl);
  }

  async verify(token: string, options: VerifyLoginTokenOptions): Promise<LoginTokenClaims> {
    if (!isString(options?.audience)) throw new TypeError('verifyLoginToken needs options.audience: your account public id');
    if (typeof token !== 'string' || token.split('.').length !== 3) throw invalid('malformed', 'not a compact JWS');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['EdDSA'],
        typ: LOGIN_TOKEN_TYPE,
        issuer: options.issuer ?? this.defaultIssuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds ?? 5,
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: REQUIRED_CLAIMS,
      }));
    } catch (error) {
      throw translate(error, this.jwksUrl);
    }
    const claims = loginClaims(payload);
    if (!claims) throw invalid('claims', 'a claim is missing or malformed');
    if (options.nonce !== undefined && claims.nonce !== options.nonce) throw invalid('nonce', 'the nonce is not the one the login was started with');
    return claims;
  }
}
