import { Entity, Index, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Account } from '@faceauth/accounts';

/** One counted call. Pruned after the retention period; the daily aggregates keep the counts. */
@Entity({ tableName: 'usage_call_logs' })
@Index({ name: 'usage_call_logs_account_time_idx', properties: ['account', 'createdAt', 'id'] })
export class UsageCallLog {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The usage event's id: a retried or re-delivered event finds its row and is not counted again. */
  @Property({ type: 'string', length: 36, nullable: false })
  @Unique({ name: 'usage_call_logs_event_unique' })
  eventId!: string;

  /** X-Request-Id of the call, for correlation with the access log. */
  @Property({ type: 'string', length: 128, nullable: false })
  requestId!: string;

  @ManyToOne(() => Account, { ref: true, nullable: false, deleteRule: 'cascade', index: false })
  account!: Ref<Account>;

  /** The API key used; not a foreign key so that deleting a key keeps its history. */
  @Property({ type: 'integer', nullable: false })
  keyId!: number;

  @Property({ type: 'string', length: 16, nullable: false })
  endpoint!: string;

  @Property({ type: 'integer', nullable: false })
  statusCode!: number;

  @Property({ type: 'boolean', nullable: false })
  success!: boolean;

  @Property({ type: 'string', length: 32, nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'integer', nullable: false })
  latencyMs!: number;

  /** When the call was made (not when the event was processed). */
  @Property({ type: 'datetime', nullable: false })
  @Index({ name: 'usage_call_logs_created_idx' })
  createdAt!: Date;
}
