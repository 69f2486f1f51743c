import { LoggerService } from '@nestjs/common';

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

/**
 * One JSON object per line on stdout. Callers pass plain fields; nothing here inspects request bodies,
 * so keys and images can only reach the log if a caller puts them there (none does).
 */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(level: string = 'info') {
    this.min = Math.max(0, LEVELS.indexOf(level as Level));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS.indexOf(level) < this.min) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = message && typeof message === 'object' ? (message as Record<string, unknown>) : { msg: String(message) };
    const extra = rest.length ? { extra: rest.map((item) => (item instanceof Error ? item.stack : item)) } : {};
    const line = { time: new Date().toISOString(), level, ...(context ? { context } : {}), ...fields, ...extra };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
