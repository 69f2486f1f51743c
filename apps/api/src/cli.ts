import { DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccountsModule, AccountsService } from '@faceauth/accounts';
import { ConfigModule, ConfigValidationError, loadConfig } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { JsonLogger } from '@faceauth/common';
import { LoginTokensModule, SigningKeysService } from '@faceauth/login-tokens';
import { ENTITIES } from './entities';

const USAGE = `Usage:
  node dist/apps/api/src/cli.js migrate                  apply pending database migrations
  node dist/apps/api/src/cli.js set-plan <email> <plan>  change an account's plan (free, pro, enterprise)
  node dist/apps/api/src/cli.js keys rotate-signing      new login-token signing key; the old one verifies until its tokens expire`;

/** The operator commands: only the database and accounts (plus the signing keys when rotating), no models or queues. */
@Module({})
class CliModule {
  static forCommand(signingKeys: boolean): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(), DatabaseModule.forRoot(ENTITIES), AccountsModule, ...(signingKeys ? [LoginTokensModule] : [])],
    };
  }
}

function usable(command: string | undefined, rest: string[]): boolean {
  if (command === 'migrate') return true;
  if (command === 'set-plan') return rest.length === 2;
  return command === 'keys' && rest.length === 1 && rest[0] === 'rotate-signing';
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!usable(command, rest)) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  try {
    // Here rather than in the module factory, where Nest would log the error without its message.
    loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  // Creating the context applies pending migrations (DatabaseModule.onModuleInit) and, with the signing keys,
  // checks that FACEAUTH_SECRET opens the active key before a new one is made.
  const rotating = command === 'keys';
  const app = await NestFactory.createApplicationContext(CliModule.forCommand(rotating), { logger: new JsonLogger('warn') });
  try {
    if (rotating) {
      const { kid, retired, pruned } = await app.get(SigningKeysService).rotate();
      const old = retired.length ? `; ${retired.join(', ')} retired, verifying until its tokens expire` : '';
      process.stdout.write(`signing key ${kid} is now active${old}${pruned ? `; ${pruned} long-retired key(s) deleted` : ''}\n`);
    } else if (command === 'set-plan') {
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
