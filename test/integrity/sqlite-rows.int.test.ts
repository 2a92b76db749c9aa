// Rows inserted many to a statement (ADR 0047) land as if inserted one by one.
import Database from 'better-sqlite3';
import t from 'tap';
import { rowInserter } from '../../src/integrity/sqlite-rows.js';

t.test('every row of a long batch is stored with its own values, in order', async (t) => {
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  db.exec('CREATE TABLE r (pos INTEGER PRIMARY KEY, name TEXT NOT NULL, hash BLOB NOT NULL)');
  const insert = rowInserter(db, 'r', ['pos', 'name', 'hash']);
  for (const count of [1, 63, 64, 65, 200]) {
    db.exec('DELETE FROM r');
    const values = Array.from({ length: count }, (_, i) => [i, `row ${i}`, Buffer.from([i % 256])]).flat();
    insert(values);
    const rows = db.prepare('SELECT pos, name, hash FROM r ORDER BY pos').raw().all() as unknown[][];
    t.same(rows.flat(), values, `${count} rows`);
  }
  t.throws(() => insert([1, 'a']), RangeError, 'values that are not whole rows are refused');
});
