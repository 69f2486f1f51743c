import { MigrationObject } from '@mikro-orm/core';
import * as postgresql from './postgresql';
import * as sqlite from './sqlite';

/** Every committed migration per database kind, in order (explicit so the build needs no file globbing). */
function list(migrations: Record<string, any>): MigrationObject[] {
  return Object.keys(migrations)
    .sort()
    .map((name) => ({ name, class: migrations[name] }));
}

export const MIGRATIONS = { sqlite: list(sqlite), postgresql: list(postgresql) };
