import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts';
import { KeyKind, maskKey } from '../api-key.crypto';

/** An API key, stored only as its SHA-256; the full key is shown once at creation. */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'lastUsedAt' | 'name' | 'allowedOrigins' | 'masked';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade' })
  @Index({ name: 'api_keys_account_idx' })
  account!: Ref<Account>;

  /** Hex SHA-256 of the whole key. */
  @Property({ type: 'string', length: 64, nullable: false })
  @Unique({ name: 'api_keys_hash_unique' })
  keyHash!: string;

  /** secret: every route, on the site's server; publishable: only starting login sessions, from web pages. */
  @Property({ type: 'string', length: 16, nullable: false, default: 'secret' })
  kind!: KeyKind;

  /** The owner's label for the key. */
  @Property({ type: 'string', length: 100, nullable: true })
  name: string | null = null;

  /** Publishable keys: the exact origins (scheme://host[:port]) a request must come from; null = any. */
  @Property({ type: 'json', nullable: true })
  allowedOrigins: string[] | null = null;

  /** `fa_` or `fa_pub_` and the first 4 random characters, for display. */
  @Property({ type: 'string', length: 16, nullable: false })
  displayPrefix!: string;

  /** The last 4 characters, for display. */
  @Property({ type: 'string', length: 8, nullable: false })
  displaySuffix!: string;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** Updated at most once a minute per process (docs: it is approximate by that much). */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  get masked(): string {
    return maskKey(this.displayPrefix, this.displaySuffix);
  }
}
