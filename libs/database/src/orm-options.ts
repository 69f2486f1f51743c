import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Logger } from '@nestjs/common';
import { EntityClass, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { MIGRATIONS } from './migrations';
import { cacheStatements } from './statement-cache';

export type DatabaseKind = 'sqlite' | 'postgresql';

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got ${url.split(':')[0]}:...)`);
}

/** `sqlite:data/x.sqlite` (relative to `root`), `sqlite:/abs/x.sqlite` or `sqlite::memory:`. */
function sqliteFile(url: string, root: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:' || isAbsolute(path)) return path;
  return join(root, path);
}

export interface ConnectionSettings {
  /** SQLite: how long a statement waits for another writer before SQLITE_BUSY (then 503 SERVICE_UNAVAILABLE). */
  busyTimeoutMs: number;
}

/** MikroORM options for a database URL; the same for the app, the CLI and the migration generator. */
export function ormOptions(url: string, entities: EntityClass<any>[], root: string, settings: ConnectionSettings = { busyTimeoutMs: 2000 }): Options {
  const kind = databaseKind(url);
  const common: Options = {
    entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // MikroORM prints to the console by default; keep its (migration) messages in the JSON log at debug level.
    logger: (message: string) => new Logger('mikro-orm').debug(message),
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      path: join(root, 'libs/database/src/migrations', kind),
      migrationsList: MIGRATIONS[kind],
    },
  };
  if (kind === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: url, pool: { min: 0, max: 10 } };
  }
  const dbName = sqliteFile(url, root);
  if (dbName !== ':memory:') mkdirSync(dirname(dbName), { recursive: true });
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName,
    pool: {
      afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
        // WAL lets readers run beside the writer; the busy timeout waits out a concurrent writer, briefly:
        // better-sqlite3 waits synchronously, so the whole process stalls that long.
        conn.pragma('journal_mode = WAL');
        conn.pragma(`busy_timeout = ${Math.floor(settings.busyTimeoutMs)}`);
        conn.pragma('foreign_keys = ON');
        done(null, cacheStatements(conn));
      },
    },
  };
}
