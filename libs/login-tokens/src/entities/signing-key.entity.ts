import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * An Ed25519 key pair that signs login tokens. At most one row is active (`retired_at` null): the partial
 * unique index makes two processes creating the first key at once end with one. The private half is stored
 * only AES-256-GCM encrypted under a key derived (HKDF-SHA256, per-row salt) from FACEAUTH_SECRET.
 */
@Entity({ tableName: 'signing_keys' })
@Unique({
  name: 'signing_keys_one_active',
  expression: 'create unique index signing_keys_one_active on signing_keys ((retired_at is null)) where retired_at is null',
})
export class SigningKey {
  [OptionalProps]?: 'createdAt' | 'retiredAt' | 'algorithm';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Random, base64url: the JWS header's kid. */
  @Property({ type: 'string', length: 64, nullable: false })
  @Unique({ name: 'signing_keys_kid_unique' })
  kid!: string;

  @Property({ type: 'string', length: 16, nullable: false })
  algorithm: string = 'EdDSA';

  /** JSON of the public JWK `{kty, crv, x}`. */
  @Property({ type: 'text', nullable: false })
  publicJwk!: string;

  /** base64 AES-256-GCM ciphertext of the PKCS#8 private key (the kid is its authenticated data). */
  @Property({ type: 'text', nullable: false })
  privateKeyCiphertext!: string;

  @Property({ type: 'string', length: 32, nullable: false })
  privateKeyIv!: string;

  @Property({ type: 'string', length: 32, nullable: false })
  privateKeyTag!: string;

  /** base64 HKDF salt of this row's encryption key. */
  @Property({ type: 'string', length: 64, nullable: false })
  privateKeySalt!: string;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  /** When it stopped signing; it still verifies (and is published) for RETIRED_KEY_GRACE_MS. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;
}
