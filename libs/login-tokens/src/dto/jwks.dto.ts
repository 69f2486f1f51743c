import { ApiProperty } from '@nestjs/swagger';

export class JwkDto {
  /**
   * Key id: the `kid` in the header of the tokens this key signed.
   * @example 3q2-7wEjRWeJq83vASNFZw
   */
  kid: string;
  @ApiProperty({ enum: ['OKP'], example: 'OKP' })
  kty: 'OKP';
  @ApiProperty({ enum: ['Ed25519'], example: 'Ed25519' })
  crv: 'Ed25519';
  /**
   * The Ed25519 public key, base64url.
   * @example 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo
   */
  x: string;
  @ApiProperty({ enum: ['EdDSA'], example: 'EdDSA' })
  alg: 'EdDSA';
  @ApiProperty({ enum: ['sig'], example: 'sig' })
  use: 'sig';
}

/** A JSON Web Key Set (RFC 7517), without the API's `success` field so any JOSE library reads it as it is. */
export class JwksDto {
  /** The current signing key first, then the previous one while tokens it signed may still be valid. */
  @ApiProperty({ type: [JwkDto] })
  keys: JwkDto[];
}
