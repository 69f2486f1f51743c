import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export type AttemptOutcome = 'match' | 'no_match' | 'liveness_failed' | 'no_face';

/** One attempt of a login session; failed ones count toward the per-user lock. */
@Entity({ tableName: 'login_attempts' })
@Index({ name: 'login_attempts_user_time_idx', properties: ['accountId', 'userId', 'createdAt'] })
export class LoginAttempt {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 40, nullable: false })
  @Index({ name: 'login_attempts_session_idx' })
  sessionId!: string;

  @Property({ type: 'integer', nullable: false })
  accountId!: number;

  @Property({ type: 'string', length: 128, nullable: false })
  userId!: string;

  @Property({ type: 'string', length: 20, nullable: false })
  outcome!: AttemptOutcome;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();
}
