import { LoggerService } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { LoginTokenService, LoginTokensModule, SigningKey, SigningKeysService } from '@faceauth/login-tokens';

export const TEST_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const TEST_ISSUER = 'https://auth.example.test';

/** Every log call, as text, to assert what never reaches a log line. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(...args: unknown[]): void {
    this.record('log', args);
  }
  error(...args: unknown[]): void {
    this.record('error', args);
  }
  warn(...args: unknown[]): void {
    this.record('warn', args);
  }
  debug(...args: unknown[]): void {
    this.record('debug', args);
  }
  verbose(...args: unknown[]): void {
    this.record('verbose', args);
  }
  get text(): string {
    return this.lines.join('\n');
  }
  private record(level: string, args: unknown[]): void {
    this.lines.push(`${level} ${args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : JSON.stringify(arg))).join(' ')}`);
  }
}

export interface TokenServices {
  module: TestingModule;
  tokens: LoginTokenService;
  keys: SigningKeysService;
  close(): Promise<void>;
}

/** The login-tokens module on a real database (no HTTP, no models), compiled; `init: false` leaves the boot to the caller. */
export async function tokenServices(
  databaseUrl: string,
  overrides: Record<string, unknown> = {},
  options: { logger?: LoggerService; init?: boolean } = {},
): Promise<TokenServices> {
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ databaseUrl, secret: TEST_SECRET, publicUrl: TEST_ISSUER, logLevel: 'silent', ...overrides }),
      DatabaseModule.forRoot([SigningKey]),
      LoginTokensModule,
    ],
  }).compile();
  module.useLogger(options.logger ?? false);
  if (options.init !== false) await module.init();
  return { module, tokens: module.get(LoginTokenService), keys: module.get(SigningKeysService), close: () => module.close() };
}
