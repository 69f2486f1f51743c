import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * `collecting` takes photos; `enrolling` while the last one is being enrolled (one request holds it);
 * `enrolled` and `failed` are closed.
 */
export type EnrollSessionStatus = 'collecting' | 'enrolling' | 'enrolled' | 'failed';

/**
 * One enrollment through the widget: started by the site's backend (secret key) for one user id, fed photo
 * by photo with the session's client secret, closed by the enrollment. What concurrent photo requests race
 * on (the steps kept, the status) changes only by conditional SQL updates (EnrollSessionsRepository).
 */
@Entity({ tableName: 'enroll_sessions' })
@Index({ name: 'enroll_sessions_account_created_idx', properties: ['accountId', 'createdAt'] })
@Index({ name: 'enroll_sessions_created_idx', properties: ['createdAt'] })
export class EnrollSession {
  [OptionalProps]?: 'status' | 'stepsKept' | 'samples' | 'mismatches' | 'createdAt' | 'completedAt' | 'replaceSamples';

  /** `es_` + 128 random bits. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'integer', nullable: false })
  accountId!: number;

  /** The key that started it: its per-minute limit applies to the photos, and the enrollment counts against it. */
  @Property({ type: 'integer', nullable: false })
  keyId!: number;

  /** The site's user id, enrolled as the name (as POST /enroll's `name`). */
  @Property({ type: 'string', length: 128, nullable: false })
  userId!: string;

  /** As POST /enroll's `replace`: the photos replace the user's stored samples. */
  @Property({ type: 'boolean', nullable: false })
  replaceSamples = false;

  /** Hex SHA-256 of the client secret; the secret itself is shown once, in the start answer. */
  @Property({ type: 'string', length: 64, nullable: false })
  clientSecretHash!: string;

  @Property({ type: 'string', length: 16, nullable: false })
  status: EnrollSessionStatus = 'collecting';

  /** Photos kept so far: the next step to send. */
  @Property({ type: 'integer', nullable: false })
  stepsKept = 0;

  /** The kept photos' templates and measures (StoredSample[]), never the photos; dropped once enrolled. */
  @Property({ type: 'json', nullable: true })
  samples: unknown[] | null = null;

  /** Enrollments refused as ENROLL_MISMATCH so far. */
  @Property({ type: 'integer', nullable: false })
  mismatches = 0;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: false })
  expiresAt!: Date;

  /** When it was enrolled or closed as failed. */
  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;
}
