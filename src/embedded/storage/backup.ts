// An online copy of the store's database (`ledger backup`, ADR 0036) with SQLite's backup API through
// better-sqlite3. It copies a few pages per turn of the store's event loop, so appends go on meanwhile;
// the store writes through this same connection, so SQLite carries every change made during the copy
// into it, and the copy, when done, is the database as of its last step: every write acknowledged
// before the backup began is in it, and whatever landed meanwhile, made durable in the store before the copy is
// reported (ADR 0077). The copy is created 0600.
import { open, rm, type FileHandle } from 'node:fs/promises';
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

export async function backupDatabase(
  db: Db,
  file: string,
  lastPosition: () => number,
  sync: (() => Promise<void>) | null,
): Promise<DatabaseCopy> {
  preparePrivateSqliteFile(file);
  const { totalPages } = await db.backup(file, { progress: () => PAGES_PER_STEP });
  // Read in the same turn as the backup's last step: no append can come between.
  const position = lastPosition();
  // The copy holds every committed row, those of a batch whose sync is still under way or failed too (ADR 0073):
  // they are made durable in the store before the copy is reported, so a backup never holds an event the store's own
  // disk may still lose. A store that cannot sync gives no backup (ADR 0077).
  try {
    await sync?.();
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { position, pages: totalPages };
}

/**
 * The same copy of a store no process runs (`ledger backup` with no ledger serving): its database is
 * opened read-only; a store running on it (an exclusive lock) makes this fail with SQLITE_BUSY.
 */
export async function backupClosedDatabase(source: string, file: string): Promise<DatabaseCopy> {
  // A store that died between a COMMIT and its sync left frames in the WAL that may sit in the page cache only:
  // synced before they are copied, as a store opening these files would (ADR 0077).
  await syncIfPresent(`${source}-wal`);
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

async function syncIfPresent(file: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
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
