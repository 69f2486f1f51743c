import { Collection, Entity, Formula, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts';
// eslint-disable-next-line import-x/no-cycle -- a two-way ORM relation; MikroORM resolves it lazily (() => FaceSample).
import { FaceSample } from './face-sample.entity';

/** A person enrolled by an account under the account's own user id (`name`); owns the face templates. */
@Entity({ tableName: 'enrolled_users' })
@Unique({ name: 'enrolled_users_account_name_unique', properties: ['account', 'name'] })
export class EnrolledUser {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'sampleCount';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade' })
  @Index({ name: 'enrolled_users_account_idx' })
  account!: Ref<Account>;

  /** The caller's user id, trimmed and NFC-normalised; unique per account. */
  @Property({ type: 'string', length: 128, nullable: false })
  name!: string;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  /** Set whenever samples are added, replaced or removed. */
  @Property({ type: 'datetime', nullable: false })
  updatedAt: Date = new Date();

  /** Number of stored samples; loaded only when asked for (`populate: ['sampleCount']`). */
  @Formula((table) => `(select cast(count(*) as integer) from face_samples fs where fs.user_id = ${table.alias}.id)`, { type: 'integer', lazy: true })
  sampleCount?: number;

  @OneToMany(() => FaceSample, (sample) => sample.user)
  samples = new Collection<FaceSample>(this);
}
