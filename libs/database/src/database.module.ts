import { EntityClass, MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { AppConfig, loadConfig, projectRoot } from '@faceauth/config';
import { DatabaseHealth } from './database.health';
import { databaseKind, ormOptions } from './orm-options';

const RUN_MIGRATIONS = 'faceauth:run-migrations';
/** PostgreSQL advisory lock key of migrations: processes starting at once migrate one after another. */
const MIGRATION_LOCK = 0x66616365;

/** MikroORM on SQLite or PostgreSQL (chosen by DATABASE_URL); applies pending migrations at start. */
@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('database');

  constructor(
    private readonly orm: MikroORM,
    @Inject(RUN_MIGRATIONS) private readonly runMigrations: boolean,
  ) {}

  /**
   * `databaseUrl` (the configured one when absent) picks the driver now, while the module graph is built:
   * MikroOrmModule.forRootAsync needs it explicitly (else it guesses by calling the factory without its
   * injected config, and prints a warning on the console at every boot).
   */
  static forRoot(entities: EntityClass<any>[], options: { migrate?: boolean; databaseUrl?: string } = {}): DynamicModule {
    const url = options.databaseUrl ?? loadConfig().databaseUrl;
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: databaseKind(url) === 'postgresql' ? PostgreSqlDriver : BetterSqliteDriver,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ormOptions(config.databaseUrl, entities, projectRoot(), config.database),
        }),
      ],
      providers: [{ provide: RUN_MIGRATIONS, useValue: options.migrate ?? true }, DatabaseHealth],
      exports: [DatabaseHealth],
    };
  }

  async onModuleInit(): Promise<void> {
    if (!this.runMigrations) return;
    const applied = await this.migrate();
    if (applied.length) this.logger.log({ msg: 'migrations applied', migrations: applied.map((m) => m.name) });
  }

  /**
   * On PostgreSQL the migrations run while a transaction holds an advisory lock, so several API processes
   * (replicas) starting together apply them once, in turn; SQLite has a single writer anyway.
   */
  private async migrate(): Promise<{ name: string }[]> {
    const migrator = this.orm.getMigrator();
    if (this.orm.config.get('driver') !== PostgreSqlDriver) return migrator.up();
    const knex = (this.orm.em as unknown as { getKnex(): Knex }).getKnex();
    return knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      return migrator.up();
    });
  }
}
