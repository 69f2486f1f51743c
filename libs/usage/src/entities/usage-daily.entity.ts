import { Entity, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts';

/** Calls and successes of one account on one UTC day: what GET /usage reads. Never pruned. */
@Entity({ tableName: 'usage_daily' })
@Unique({ name: 'usage_daily_account_day_unique', properties: ['account', 'day'] })
export class UsageDaily {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade', index: false })
  account!: Ref<Account>;

  /** UTC day, YYYY-MM-DD (sorts and compares as text on every database). */
  @Property({ type: 'string', length: 10, nullable: false })
  day!: string;

  @Property({ type: 'integer', nullable: false, default: 0 })
  calls!: number;

  @Property({ type: 'integer', nullable: false, default: 0 })
  successes!: number;
}
