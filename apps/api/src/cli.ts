import { DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccountsModule } from '@faceauth/accounts';
import { ApiKeysModule } from '@faceauth/api-keys';
import { ConfigModule, ConfigValidationError, loadConfig, loadDotEnv } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { createRootLogger, nestLogger } from '@faceauth/common';
import { LoginTokensModule } from '@faceauth/login-tokens';
import { RegistrationSwitchModule } from '@faceauth/registration';
import { cliHelp, CliCommand, findCommand } from './cli-commands';
import { ENTITIES } from './entities';

/** The operator commands: the database, accounts, keys and registration (plus the signing keys when rotating); no models or queues. */
@Module({})
class CliModule {
  static forCommand(command: CliCommand, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(),
        DatabaseModule.forRoot(ENTITIES, { migrate: command.migrate ?? false, databaseUrl }),
        AccountsModule,
        ApiKeysModule,
        RegistrationSwitchModule,
        ...(command.signingKeys ? [LoginTokensModule] : []),
      ],
    };
  }
}

async function run(argv: string[]): Promise<number> {
  loadDotEnv();
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(cliHelp() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(cliHelp() + '\n');
    return 2;
  }
  let databaseUrl: string;
  try {
    // Here rather than in the module factory, where Nest would log the error without its message.
    databaseUrl = loadConfig().databaseUrl;
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(error.problems.map((problem) => `invalid configuration: ${problem}\n`).join(''));
    return 1;
  }
  // Only warnings and errors, on stderr: stdout is the command's answer.
  const logger = nestLogger(createRootLogger('warn', process.stderr));
  const app = await NestFactory.createApplicationContext(CliModule.forCommand(found.command, databaseUrl), { logger, abortOnError: false });
  try {
    process.stdout.write((await found.command.run(app, found.args)) + '\n');
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
