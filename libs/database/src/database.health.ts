import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { databaseKind } from './orm-options';

/** ok; unreachable (no answer in time); unwritable (SQLite: another writer holds the lock). */
export type DatabaseState = 'ok' | 'unreachable' | 'unwritable';

/** How long the SQLite write probe waits for another writer: well under the health answer's 1 s. */
const PROBE_BUSY_TIMEOUT_MS = 200;

@Injectable()
export class DatabaseHealth {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
  ) {}

  /** Whether the database answers, and on SQLite whether it can be written now. */
  async check(timeoutMs = 900): Promise<DatabaseState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DatabaseState>((resolve) => {
      timer = setTimeout(() => resolve('unreachable'), timeoutMs);
    });
    try {
      return await Promise.race([this.probe(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when a trivial query answers within the timeout. */
  async isReachable(timeoutMs = 900): Promise<boolean> {
    return (await this.check(timeoutMs)) !== 'unreachable';
  }

  private async probe(): Promise<DatabaseState> {
    const connection = this.orm.em.getConnection() as AbstractSqlConnection;
    try {
      await connection.execute('select 1');
    } catch {
      return 'unreachable';
    }
    if (databaseKind(this.config.databaseUrl) !== 'sqlite') return 'ok';
    // Readers run beside a writer in WAL mode, so only a write shows a held lock. The update touches no row
    // but takes the write lock; the transaction pins the one connection while its busy timeout is shortened.
    const restore = `pragma busy_timeout = ${Math.floor(this.config.database.busyTimeoutMs)}`;
    try {
      await connection.getKnex().transaction(async (trx) => {
        await trx.raw(`pragma busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
        try {
          await trx.raw('update mikro_orm_migrations set id = id where 0');
        } finally {
          await trx.raw(restore);
        }
      });
      return 'ok';
    } catch {
      return 'unwritable';
    }
  }
}
