import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts/entities/account.entity';
import { maskKey } from '../api-key.crypto';

/** An API key, stored only as its SHA-256; the full key is shown once at creation. */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'masked';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade' })
  @Index({ name: 'api_keys_account_idx' })
  account!: Ref<Account>;

  /** Hex SHA-256 of the whole key. */
  @Property({ type: 'string', length: 64, nullable: false })
  @Unique({ name: 'api_keys_hash_unique' })
  keyHash!: string;

  /** `fa_` and the first 4 characters, for display. */
  @Property({ type: 'string', length: 16, nullable: false })
  displayPrefix!: string;

  /** The last 4 characters, for display. */
  @Property({ type: 'string', length: 8, nullable: false })
  displaySuffix!: string;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  get masked(): string {
    return maskKey(this.displayPrefix, this.displaySuffix);
  }
}
