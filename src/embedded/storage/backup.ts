// An online copy of the store's database (`ledger backup`, ADR 0036) with SQLite's backup API through
// better-sqlite3. It copies a few pages per turn of the store's event loop, so appends go on meanwhile;
// the store writes through this same connection, so SQLite carries every change made during the copy
// into it, and the copy, when done, is the database as of its last step: every write acknowledged
// before the backup began is in it, and whatever landed meanwhile. The copy is created 0600.
import Database from 'better-sqlite3';
import { preparePrivateSqliteFile } from '../../files/private.js';
import type { Db } from './database.js';

/** Pages copied per step (4 KiB each): a step is short enough not to hold up appends noticeably. */
const PAGES_PER_STEP = 256;

export interface DatabaseCopy {
  /** Log position of the last event in the copy (0: none). */
  readonly position: number;
  readonly pages: number;
}

export async function backupDatabase(db: Db, file: string, lastPosition: () => number): Promise<DatabaseCopy> {
  preparePrivateSqliteFile(file);
  const { totalPages } = await db.backup(file, { progress: () => PAGES_PER_STEP });
  // Read in the same turn as the backup's last step: no append can come between.
  return { position: lastPosition(), pages: totalPages };
}

/**
 * The same copy of a store no process runs (`ledger backup` with no ledger serving): its database is
 * opened read-only; a store running on it (an exclusive lock) makes this fail with SQLITE_BUSY.
 */
export async function backupClosedDatabase(source: string, file: string): Promise<DatabaseCopy> {
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 1000 });
  try {
    const max: unknown = db.prepare('SELECT MAX(position) FROM events').pluck().get();
    const position = typeof max === 'number' ? max : 0;
    preparePrivateSqliteFile(file);
    const { totalPages } = await db.backup(file);
    return { position, pages: totalPages };
  } finally {
    db.close();
  }
}

/** SQLite's own check of a database file (a restored copy): 'ok' or what is wrong. */
export function checkDatabaseFile(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('PRAGMA integrity_check').pluck().all().map(String).join('; ');
  } finally {
    db.close();
  }
}
