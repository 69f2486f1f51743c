import { randomBytes } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export function newAccountPublicId(): string {
  return `acct_${randomBytes(12).toString('hex')}`;
}

/** A developer account: owns API keys, enrolled users and usage. */
@Entity({ tableName: 'accounts' })
export class Account {
  [OptionalProps]?: 'plan' | 'publicId' | 'createdAt' | 'updatedAt' | 'disabledAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Stored lower-cased; unique. */
  @Property({ type: 'string', length: 254, nullable: false })
  @Unique({ name: 'accounts_email_unique' })
  email!: string;

  @Property({ type: 'string', length: 100, nullable: false })
  name!: string;

  /** The account's public id (`acct_...`): the `aud` of its login tokens. */
  @Property({ type: 'string', length: 40, nullable: false })
  @Unique({ name: 'accounts_public_id_unique' })
  publicId: string = newAccountPublicId();

  @Property({ type: 'string', length: 20, nullable: false, default: 'free' })
  plan: string = 'free';

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: false, onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Set by the operator (`accounts disable`): every key of the account answers 401 INVALID_API_KEY until enabled again. */
  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;
}
