import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EnrollSession, EnrollSessionStatus } from './entities/enroll-session.entity';
import { StoredSample } from './stored-sample';

/**
 * The queries of enrollment sessions. What concurrent photo requests race on (the next step, the status)
 * changes only through conditional UPDATEs, atomic on SQLite and PostgreSQL alike: of two requests for one
 * step one keeps its photo, and of two last photos one enrolls.
 */
@Injectable()
export class EnrollSessionsRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(session: EnrollSession): Promise<void> {
    await this.em.fork().persistAndFlush(session);
  }

  find(id: string): Promise<EnrollSession | null> {
    return this.em.fork().findOne(EnrollSession, { id });
  }

  findOwned(accountId: number, id: string): Promise<EnrollSession | null> {
    return this.em.fork().findOne(EnrollSession, { id, accountId });
  }

  /**
   * Keeps the photo of step `step` when it is the next one of a collecting, unexpired session: false when
   * another request kept that step first (or the session closed or expired). `last` moves the session to
   * `enrolling`, which only this request leaves.
   */
  async keep(id: string, step: number, samples: StoredSample[], last: boolean, now: Date): Promise<boolean> {
    return (await this.run(
      "update enroll_sessions set samples = ?, steps_kept = ?, status = ? where id = ? and status = 'collecting' and steps_kept = ? and expires_at > ?",
      [JSON.stringify(samples), step + 1, last ? 'enrolling' : 'collecting', id, step, this.date(now)],
    )) === 1;
  }

  /** The enrollment succeeded: closed, and the templates now live with the enrolled user only. */
  async complete(id: string, now: Date): Promise<void> {
    await this.run("update enroll_sessions set status = 'enrolled', samples = null, completed_at = ? where id = ? and status = 'enrolling'", [this.date(now), id]);
  }

  /**
   * ENROLL_MISMATCH: the photos are dropped and the session starts over from step 0, or closes as failed at
   * its `maxMismatches`-th mismatch. The status and mismatch count after it.
   */
  async restart(id: string, maxMismatches: number, now: Date): Promise<{ status: EnrollSessionStatus; mismatches: number }> {
    await this.run("update enroll_sessions set samples = null, steps_kept = 0, mismatches = mismatches + 1, status = 'collecting' where id = ? and status = 'enrolling'", [id]);
    // A second statement rather than a CASE: PostgreSQL cannot type a parameter inside one.
    await this.run(
      "update enroll_sessions set status = 'failed', samples = null, steps_kept = 0, completed_at = ? where id = ? and status = 'collecting' and mismatches >= ?",
      [this.date(now), id, maxMismatches],
    );
    const session = await this.find(id);
    return { status: session?.status ?? 'failed', mismatches: session?.mismatches ?? maxMismatches };
  }

  /** Closes the session as failed (the photos do not fit the enrolled user). */
  async fail(id: string, now: Date): Promise<void> {
    await this.run("update enroll_sessions set status = 'failed', samples = null, completed_at = ? where id = ? and status = 'enrolling'", [this.date(now), id]);
  }

  /** The last photo could not be enrolled for a reason the person did not cause (limit, outage): it is not kept. */
  async release(id: string, kept: StoredSample[]): Promise<void> {
    await this.run("update enroll_sessions set status = 'collecting', steps_kept = ?, samples = ? where id = ? and status = 'enrolling'", [kept.length, JSON.stringify(kept), id]);
  }

  /** Drops the kept templates of sessions that expired unfinished (they were never enrolled). */
  async dropExpiredSamples(now: Date): Promise<number> {
    return this.run("update enroll_sessions set samples = null where samples is not null and status = 'collecting' and expires_at <= ?", [this.date(now)]);
  }

  /** Deletes sessions created before `cutoff`. */
  async pruneBefore(cutoff: Date): Promise<number> {
    return this.run('delete from enroll_sessions where created_at < ?', [this.date(cutoff)]);
  }

  private async run(sql: string, params: unknown[]): Promise<number> {
    const result = await this.em.getConnection().execute<{ affectedRows: number }>(sql, params, 'run');
    return result.affectedRows;
  }

  private date(value: Date): unknown {
    return this.em.getPlatform().processDateProperty(value);
  }
}
