import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './database.ts';

describe('withStatementCache', () => {
  it('prepares a statement once and reuses it, and still sees schema changes', () => {
    const raw = new SQLite(':memory:');
    const db = withStatementCache(raw);
    raw.exec('create table t (a integer)');
    const first = db.prepare('select count(*) as n from t');
    expect(db.prepare('select count(*) as n from t')).toBe(first);
    db.prepare('insert into t (a) values (?)').run([1]);
    expect(first.all([])).toEqual([{ n: 1 }]);
    raw.exec('alter table t add column b text');
    db.prepare('insert into t (a, b) values (?, ?)').run([2, 'x']);
    expect(db.prepare('select count(*) as n from t').all([])).toEqual([{ n: 2 }]);
    db.close();
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const db = withStatementCache(new SQLite(':memory:'));
    const zero = db.prepare('select 0');
    const one = db.prepare('select 1');
    for (let i = 2; i <= 500; i++) {
      db.prepare(`select ${i}`);
      if (i % 100 === 0) db.prepare('select 0');
    }
    expect(db.prepare('select 0')).toBe(zero);
    const again = db.prepare('select 1');
    expect(again).not.toBe(one);
    expect(again.all([])).toEqual([{ 1: 1 }]);
    db.close();
  });
});
