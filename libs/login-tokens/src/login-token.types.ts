import { MAX_LOGIN_TOKEN_TTL_SECONDS } from '@faceauth/config';

export const LOGIN_TOKEN_ALG = 'EdDSA';
export const LOGIN_TOKEN_TYP = 'faceauth-login+jwt';
/** Clock skew accepted on exp and iat, in seconds (the contract allows at most 5). */
export const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * How long a retired key keeps verifying (and stays in the JWKS): the longest token lifetime plus the skew, so
 * every token it signed before it retired expires first.
 */
export const RETIRED_KEY_GRACE_MS = (MAX_LOGIN_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000;
/** Retired keys (encrypted private halves included) are deleted this long after they stopped signing. */
export const PRUNE_RETIRED_AFTER_MS = 24 * 3600 * 1000;

export interface LoginTokenInput {
  /** The account's public id. */
  audience: string;
  /** The site's user id. */
  subject: string;
  sessionId: string;
  nonce?: string;
  /** Authentication methods: `face`, plus `liveness` when a liveness check passed. */
  amr: string[];
  /** At most 60; defaults to loginTokens.ttlSeconds. */
  ttlSeconds?: number;
}

export interface IssuedLoginToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

/** The claims of a verified login token, exactly as signed. */
export interface LoginTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  sid: string;
  nonce?: string;
  amr: string[];
  iat: number;
  exp: number;
  jti: string;
}

/** A public signing key as published in the JWKS (RFC 7517, RFC 8037). */
export interface PublicSigningJwk {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  alg: 'EdDSA';
  use: 'sig';
}
