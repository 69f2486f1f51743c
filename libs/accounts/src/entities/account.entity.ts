import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A developer account: owns API keys, enrolled users and usage. */
@Entity({ tableName: 'accounts' })
export class Account {
  [OptionalProps]?: 'plan' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Stored lower-cased; unique. */
  @Property({ type: 'string', length: 254, nullable: false })
  @Unique({ name: 'accounts_email_unique' })
  email!: string;

  @Property({ type: 'string', length: 100, nullable: false })
  name!: string;

  @Property({ type: 'string', length: 20, nullable: false, default: 'free' })
  plan: string = 'free';

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: false, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
