// The disk's durable-commit floor, measured in the same run: SQLite (WAL, synchronous=FULL) committing one
// 400-byte row per transaction, back to back, in a temp dir on the same file system as the store's.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function durableCommitsPerSecond(durationMs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fsync-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const row = Buffer.alloc(400, 1);
    let commits = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < durationMs) {
      insert.run(row);
      commits += 1;
    }
    return commits / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
