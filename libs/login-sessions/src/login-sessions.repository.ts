import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttemptOutcome, LoginAttempt } from './entities/login-attempt.entity';
import { LoginSession } from './entities/login-session.entity';

/**
 * The queries of login sessions. What attempts and confirmations race on (the attempt count, the state,
 * the single use of a token) changes only through conditional UPDATEs, atomic on SQLite and PostgreSQL
 * alike, so several API processes on one database agree without locks.
 */
@Injectable()
export class LoginSessionsRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(session: LoginSession): Promise<void> {
    await this.em.fork().persistAndFlush(session);
  }

  find(id: string): Promise<LoginSession | null> {
    return this.em.fork().findOne(LoginSession, { id });
  }

  findOwned(accountId: number, id: string): Promise<LoginSession | null> {
    return this.em.fork().findOne(LoginSession, { id, accountId });
  }

  /**
   * Takes one attempt of a pending, unexpired session with attempts left: the attempts used including
   * this one, or null when it could not.
   */
  async takeAttempt(id: string, now: Date): Promise<number | null> {
    const rows = await this.em.getConnection().execute<{ attempts: number }[]>(
      "update login_sessions set attempts = attempts + 1 where id = ? and state = 'pending' and attempts < max_attempts and expires_at > ? returning attempts",
      [id, this.date(now)],
    );
    return rows.length ? Number(rows[0].attempts) : null;
  }

  /** Closes the session as failed once its last attempt failed. */
  async failIfExhausted(id: string): Promise<void> {
    await this.run("update login_sessions set state = 'failed' where id = ? and state = 'pending' and attempts >= max_attempts", [id]);
  }

  /** Marks the session succeeded with its token: false when another attempt of it succeeded first. */
  async succeed(id: string, fields: { at: Date; confidence: number; liveness: Record<string, unknown>; jti: string; tokenExpiresAt: Date }): Promise<boolean> {
    return (await this.run(
      "update login_sessions set state = 'succeeded', succeeded_at = ?, confidence = ?, liveness_result = ?, token_jti = ?, token_expires_at = ? where id = ? and state = 'pending'",
      [this.date(fields.at), fields.confidence, JSON.stringify(fields.liveness), fields.jti, this.date(fields.tokenExpiresAt), id],
    )) === 1;
  }

  /**
   * Appends the analysed frames of challenge step `step`, when it is the step the session expects: false
   * when another request stored that step first (or the session closed).
   */
  async storeFrames(id: string, step: number, frames: unknown[]): Promise<boolean> {
    return (await this.run(
      "update login_sessions set liveness_frames = ?, liveness_step = ? where id = ? and state = 'pending' and liveness_step = ?",
      [JSON.stringify(frames), step + 1, id, step],
    )) === 1;
  }

  /** A fresh challenge (or none) and no frames: every attempt spends the frames it was decided on. */
  async resetChallenge(id: string, challenge: Record<string, unknown> | null): Promise<void> {
    await this.run('update login_sessions set challenge = ?, liveness_frames = null, liveness_step = 0 where id = ?', [challenge ? JSON.stringify(challenge) : null, id]);
  }

  /** Spends a token: true exactly once per (session, jti), whatever the concurrency. */
  async confirm(accountId: number, id: string, jti: string, at: Date): Promise<boolean> {
    return (await this.run(
      "update login_sessions set confirmed_at = ? where id = ? and account_id = ? and token_jti = ? and state = 'succeeded' and confirmed_at is null",
      [this.date(at), id, accountId, jti],
    )) === 1;
  }

  async recordAttempt(session: LoginSession, outcome: AttemptOutcome, at: Date): Promise<void> {
    await this.em.fork().persistAndFlush(
      this.em.create(LoginAttempt, { sessionId: session.id, accountId: session.accountId, userId: session.userId, outcome, createdAt: at }),
    );
  }

  attempts(sessionId: string): Promise<LoginAttempt[]> {
    return this.em.fork().find(LoginAttempt, { sessionId }, { orderBy: { id: 'asc' } });
  }

  /** The times of a user's failed attempts since `since`, oldest first. */
  async failuresSince(accountId: number, userId: string, since: Date): Promise<Date[]> {
    const rows = await this.em.fork().find(
      LoginAttempt,
      { accountId, userId, createdAt: { $gte: since }, outcome: { $in: ['no_match', 'liveness_failed'] } },
      { orderBy: { createdAt: 'asc' }, fields: ['createdAt'] },
    );
    return rows.map((row) => row.createdAt);
  }

  /** Deletes sessions (and, by cascade, their attempts) created before `cutoff`. */
  async pruneBefore(cutoff: Date): Promise<number> {
    return this.run('delete from login_sessions where created_at < ?', [this.date(cutoff)]);
  }

  private async run(sql: string, params: unknown[]): Promise<number> {
    const result = await this.em.getConnection().execute<{ affectedRows: number }>(sql, params, 'run');
    return result.affectedRows;
  }

  private date(value: Date): unknown {
    return this.em.getPlatform().processDateProperty(value);
  }
}
