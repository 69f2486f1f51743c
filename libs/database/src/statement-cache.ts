/** The parts of a better-sqlite3 connection and statement this uses (the package ships no types). */
interface Statement {
  safeIntegers(toggle: boolean): Statement;
}
export interface PreparingDatabase {
  prepare(sql: string): Statement;
}

/** How many distinct SQL texts a connection keeps compiled (least recently used first out). */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Makes `db.prepare` return the already compiled statement for a SQL text it has seen. Knex's better-sqlite3
 * client prepares every query afresh: the profile of a verify load showed SQLite compiling the same few
 * statements (key lookup, enrolled templates, usage writes) ~1 ms of event-loop time per verify. A statement is
 * reusable once its run() or all() has returned, which is always the case here (both are synchronous). The one
 * setting knex may change on a statement, safeIntegers, is put back to the connection's default on each reuse.
 */
export function cacheStatements<D extends PreparingDatabase>(db: D, size = STATEMENT_CACHE_SIZE): D {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = (sql: string) => {
    const cached = cache.get(sql);
    if (cached) {
      // Map order is insertion order: moving the entry to the end keeps the least recently used first.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached.safeIntegers(false);
    }
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return db;
}
