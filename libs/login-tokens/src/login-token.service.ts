import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader, errors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { InvalidTokenError } from '@faceauth/common';
import { AppConfig, MAX_LOGIN_TOKEN_TTL_SECONDS } from '@faceauth/config';
import {
  CLOCK_TOLERANCE_SECONDS,
  IssuedLoginToken,
  LOGIN_TOKEN_ALG,
  LOGIN_TOKEN_TYP,
  LoginTokenClaims,
  LoginTokenInput,
} from './login-token.types';
import { SigningKeysService } from './signing-keys.service';

const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'sid', 'amr', 'iat', 'exp', 'jti'];

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The claims in the contract's shape, or null when any is missing or of the wrong type. */
function typedClaims(payload: JWTPayload): LoginTokenClaims | null {
  const { iss, aud, sub, sid, nonce, amr, iat, exp, jti } = payload as Record<string, unknown>;
  const ok =
    isString(iss) && isString(aud) && isString(sub) && isString(sid) && isString(jti) &&
    (nonce === undefined || isString(nonce)) &&
    Array.isArray(amr) && amr.every(isString) &&
    Number.isInteger(iat) && Number.isInteger(exp) &&
    (exp as number) > (iat as number) && (exp as number) - (iat as number) <= MAX_LOGIN_TOKEN_TTL_SECONDS;
  if (!ok) return null;
  return { iss, aud, sub, sid, ...(nonce === undefined ? {} : { nonce }), amr, iat, exp, jti } as LoginTokenClaims;
}

/**
 * Signs and checks login tokens: compact JWS, EdDSA (Ed25519), typ faceauth-login+jwt, at most 60 s of life.
 * `verify` checks signature, header, issuer and times; the caller checks audience and single use (jti).
 */
@Injectable()
export class LoginTokenService {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly config: AppConfig,
  ) {}

  async issue(input: LoginTokenInput): Promise<IssuedLoginToken> {
    const ttl = input.ttlSeconds ?? this.config.loginTokens.ttlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_LOGIN_TOKEN_TTL_SECONDS) {
      throw new RangeError(`login token lifetime must be 1 to ${MAX_LOGIN_TOKEN_TTL_SECONDS} seconds`);
    }
    const { kid, key } = await this.keys.currentSigner();
    const iat = Math.floor(Date.now() / 1000);
    const jti = randomBytes(16).toString('base64url');
    const claims: LoginTokenClaims = {
      iss: this.config.publicUrl,
      aud: input.audience,
      sub: input.subject,
      sid: input.sessionId,
      ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
      amr: [...input.amr],
      iat,
      exp: iat + ttl,
      jti,
    };
    const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: LOGIN_TOKEN_ALG, kid, typ: LOGIN_TOKEN_TYP }).sign(key);
    return { token, jti, expiresAt: new Date(claims.exp * 1000) };
  }

  /** The token's claims when it is ours and unexpired; otherwise InvalidTokenError (expired or invalid, nothing more). */
  async verify(token: string): Promise<LoginTokenClaims> {
    const kid = this.acceptableKid(token);
    const key = await this.keys.verificationKey(kid);
    if (!key) throw new InvalidTokenError();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [LOGIN_TOKEN_ALG],
        typ: LOGIN_TOKEN_TYP,
        issuer: this.config.publicUrl,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: MAX_LOGIN_TOKEN_TTL_SECONDS,
        requiredClaims: REQUIRED_CLAIMS,
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JWTExpired);
    }
    const claims = typedClaims(payload);
    if (!claims) throw new InvalidTokenError();
    return claims;
  }

  /** The kid of a header that names our algorithm and type; checked before any key lookup. */
  private acceptableKid(token: string): string {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      if (typeof token !== 'string' || token.split('.').length !== 3) throw new InvalidTokenError();
      header = decodeProtectedHeader(token);
    } catch {
      throw new InvalidTokenError();
    }
    if (header.alg !== LOGIN_TOKEN_ALG || header.typ !== LOGIN_TOKEN_TYP || !isString(header.kid) || header.kid.length > 64) {
      throw new InvalidTokenError();
    }
    return header.kid;
  }
}
