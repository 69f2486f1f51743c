import { EntityClass, MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig, projectRoot } from '@faceauth/config';
import { DatabaseHealth } from './database.health';
import { ormOptions } from './orm-options';

const RUN_MIGRATIONS = 'faceauth:run-migrations';

/** MikroORM on SQLite or PostgreSQL (chosen by DATABASE_URL); applies pending migrations at start. */
@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('database');

  constructor(
    private readonly orm: MikroORM,
    @Inject(RUN_MIGRATIONS) private readonly runMigrations: boolean,
  ) {}

  static forRoot(entities: EntityClass<any>[], options: { migrate?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
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
    const applied = await this.orm.getMigrator().up();
    if (applied.length) this.logger.log({ msg: 'migrations applied', migrations: applied.map((m) => m.name) });
  }
}
