import { cacheStatements } from './statement-cache';

const Database = require('better-sqlite3');

function database() {
  const db = cacheStatements(new Database(':memory:'), 2);
  db.exec('create table t (id integer primary key, name text)');
  return db;
}

describe('cacheStatements', () => {
  it('gives back the compiled statement for a SQL text it has seen, which runs with new bindings', () => {
    const db = database();
    const insert = db.prepare('insert into t (name) values (?)');
    expect(db.prepare('insert into t (name) values (?)')).toBe(insert);
    db.prepare('insert into t (name) values (?)').run('a');
    db.prepare('insert into t (name) values (?)').run('b');
    const select = 'select name from t where id = ?';
    expect(db.prepare(select).get(1)).toEqual({ name: 'a' });
    expect(db.prepare(select).get(2)).toEqual({ name: 'b' });
    expect(db.prepare(select).all(3)).toEqual([]);
  });

  it('keeps only the most recently used statements', () => {
    const db = database();
    const [a, b, c] = ['select 1 as v', 'select 2 as v', 'select 3 as v'];
    const first = db.prepare(a);
    db.prepare(b);
    expect(db.prepare(a)).toBe(first); // a is now the most recent, b the least
    const third = db.prepare(c); // evicts b
    expect(db.prepare(a)).toBe(first); // c is now the least recent
    expect(db.prepare(b).get()).toEqual({ v: 2 }); // compiled again; evicts c
    expect(db.prepare(a)).toBe(first);
    expect(db.prepare(c)).not.toBe(third);
  });

  it('puts safeIntegers back to the default on reuse, so one query asking for BigInts does not change the next', () => {
    const db = database();
    db.prepare('insert into t (name) values (?)').run('a');
    const sql = 'select id from t';
    expect(db.prepare(sql).safeIntegers(true).get()).toEqual({ id: BigInt(1) });
    expect(db.prepare(sql).get()).toEqual({ id: 1 });
    // Statements that return no data accept the reset too.
    expect(() => db.prepare('insert into t (name) values (?)').run('b')).not.toThrow();
  });

  it('sees a schema change made after the statement was compiled', () => {
    const db = database();
    db.prepare('insert into t (name) values (?)').run('a');
    expect(db.prepare('select * from t').get()).toEqual({ id: 1, name: 'a' });
    db.exec("alter table t add column extra text default 'x'");
    expect(db.prepare('select * from t').get()).toEqual({ id: 1, name: 'a', extra: 'x' });
  });
});
