import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuthKeyKind } from '@faceauth/common';
import type { LivenessMode } from '@faceauth/config';

export type SessionState = 'pending' | 'succeeded' | 'failed';

/**
 * One login: started by the site's backend (secret key) or its page (publishable key), attempted with
 * the session's client secret, closed by a match or by running out of attempts. Every field the attempts
 * and the confirmation race on is changed by conditional SQL updates (LoginSessionsRepository).
 */
@Entity({ tableName: 'login_sessions' })
@Index({ name: 'login_sessions_account_created_idx', properties: ['accountId', 'createdAt'] })
export class LoginSession {
  [OptionalProps]?: 'state' | 'attempts' | 'createdAt' | 'nonce' | 'succeededAt' | 'confidence' | 'tokenJti' | 'tokenExpiresAt' | 'confirmedAt' | 'livenessResult' | 'challenge' | 'livenessFrames' | 'livenessStep';

  /** `ls_` + 128 random bits. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'integer', nullable: false })
  accountId!: number;

  /** The key that started it: its per-minute limit applies to the attempts. */
  @Property({ type: 'integer', nullable: false })
  keyId!: number;

  @Property({ type: 'string', length: 16, nullable: false })
  startedWith!: AuthKeyKind;

  /** The site's user id (an enrolled name, or not: a publishable key must not tell). */
  @Property({ type: 'string', length: 128, nullable: false })
  userId!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  nonce: string | null = null;

  /** Hex SHA-256 of the client secret; the secret itself is shown once, in the start answer. */
  @Property({ type: 'string', length: 64, nullable: false })
  clientSecretHash!: string;

  @Property({ type: 'string', length: 16, nullable: false })
  livenessMode!: LivenessMode;

  @Property({ type: 'string', length: 16, nullable: false })
  state: SessionState = 'pending';

  @Property({ type: 'integer', nullable: false })
  attempts = 0;

  @Property({ type: 'integer', nullable: false })
  maxAttempts!: number;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: false })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  succeededAt: Date | null = null;

  /** Confidence of the matching attempt, for the confirmation answer (never in the token). */
  @Property({ type: 'double', nullable: true })
  confidence: number | null = null;

  /** The liveness object of the matching attempt. */
  @Property({ type: 'json', nullable: true })
  livenessResult: Record<string, unknown> | null = null;

  /** Active liveness: the challenge the client was given (LivenessChallenge), drawn anew after each attempt. */
  @Property({ type: 'json', nullable: true })
  challenge: Record<string, unknown> | null = null;

  /** The analysed frames of the current challenge (StepFrame[]: templates and geometry, never the photos). */
  @Property({ type: 'json', nullable: true })
  livenessFrames: unknown[] | null = null;

  /** The next challenge step the frames route accepts; a conditional update on it orders concurrent requests. */
  @Property({ type: 'integer', nullable: false })
  livenessStep = 0;

  @Property({ type: 'string', length: 64, nullable: true })
  tokenJti: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  tokenExpiresAt: Date | null = null;

  /** When the site's backend confirmed the token: set once. */
  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;
}
