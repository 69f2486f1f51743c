import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccountsModule, AccountsService } from '@faceauth/accounts';
import { ConfigModule } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { JsonLogger } from '@faceauth/common';
import { ENTITIES } from './entities';

const USAGE = `Usage:
  node dist/apps/api/src/cli.js migrate                  apply pending database migrations
  node dist/apps/api/src/cli.js set-plan <email> <plan>  change an account's plan (free, pro, enterprise)`;

/** The operator commands: only the database and accounts, no models or queues. */
@Module({ imports: [ConfigModule.forRoot(), DatabaseModule.forRoot(ENTITIES), AccountsModule] })
class CliModule {}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'migrate' && command !== 'set-plan') {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  if (command === 'set-plan' && rest.length !== 2) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  // Creating the context applies pending migrations (DatabaseModule.onModuleInit).
  const app = await NestFactory.createApplicationContext(CliModule, { logger: new JsonLogger('warn') });
  try {
    if (command === 'set-plan') {
      const account = await app.get(AccountsService).setPlan(rest[0], rest[1]);
      process.stdout.write(`${account.email} is now on the ${account.plan} plan\n`);
    } else {
      process.stdout.write('database is up to date\n');
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    new Logger('cli').error(error?.message ?? String(error));
    process.exit(1);
  },
);
