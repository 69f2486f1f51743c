import { Entity, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts';

/**
 * Calls an account has taken from its quota in one UTC calendar month. Incremented before a call is
 * processed by a conditional upsert, so concurrent calls can never take more than the limit.
 */
@Entity({ tableName: 'usage_quotas' })
@Unique({ name: 'usage_quotas_account_month_unique', properties: ['account', 'month'] })
export class UsageQuota {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade', index: false })
  account!: Ref<Account>;

  /** UTC month, YYYY-MM. */
  @Property({ type: 'string', length: 7, nullable: false })
  month!: string;

  @Property({ type: 'integer', nullable: false, default: 0 })
  used!: number;
}
