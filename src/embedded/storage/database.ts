// Opens the SQLite file (or :memory:) with the durability settings the store promises and
// creates the schema. See docs/adr/0003-embedded-store.md.
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, preparePrivateSqliteFile, tightenFile } from '../../files/private.js';
import { assertRoomToWrite } from '../../files/room-to-write.js';
import { createJournalCheck } from './journal-check.js';

export type Db = Database.Database;

export interface OpenOptions {
  dataDir?: string | undefined;
  memory?: boolean | undefined;
}

export const DB_FILE_NAME = 'events.sqlite';
/** Beside the database: the file whose size the journal check changes after each WAL sync (journal-check.ts). */
export const JOURNAL_CHECK_FILE_NAME = 'events.sqlite-sync-check';
const WAL_AUTOCHECKPOINT_PAGES = 4000;

export interface OpenedDatabase {
  db: Db;
  /** Makes every committed transaction durable (fsync of the WAL); null for :memory:. */
  syncWal: (() => Promise<void>) | null;
  close(): Promise<void>;
}

/**
 * Durability: SQLite commits into the WAL with synchronous=NORMAL (no fsync on the event loop), and the
 * group committer fsyncs the WAL file on libuv's thread pool before it acknowledges any write of the
 * batch. That is the guarantee of synchronous=FULL in WAL mode (the WAL is synced at each commit),
 * while the loop keeps accepting the writes that will share the next fsync. Checkpoints still sync the
 * WAL before and the database file after copying (SQLite does this itself with NORMAL). A sync succeeds only
 * when the file system can still record a change after the fdatasync (journal-check.ts, ADR 0071): ext4 answers
 * fdatasync with success for blocks whose allocation a journal abort has just discarded.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  if (options.memory === true || options.dataDir === undefined) {
    const db = new Database(':memory:');
    configure(db);
    return { db, syncWal: null, close: async () => void db.close() };
  }
  // The data directory 0700 and the store's files 0600 (src/files/private.ts).
  ensurePrivateDir(options.dataDir);
  // A full or read-only disk stops the open, whatever files a killed store left behind (src/files/room-to-write.ts).
  assertRoomToWrite(options.dataDir);
  const file = join(options.dataDir, DB_FILE_NAME);
  preparePrivateSqliteFile(file);
  const checkFile = join(options.dataDir, JOURNAL_CHECK_FILE_NAME);
  tightenFile(checkFile);
  const db = new Database(file, { timeout: 1000 });
  // One store per data directory: the exclusive lock is taken by the first write (the schema below)
  // and held until close, so a second store on the same files fails at start instead of racing.
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    configure(db);
  } catch (error) {
    db.close();
    throw new StoreOpenError(options.dataDir, error);
  }
  db.pragma('synchronous = NORMAL');
  // Checkpoint every 4000 WAL pages (16 MiB) instead of 1000: each checkpoint runs on the event loop
  // inside a commit and fsyncs twice; a larger WAL checkpoints a quarter as often, and the index leaves
  // that many appends rewrite are copied to the database once instead of once per 1000 pages.
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  let wal: Promise<FileHandle> | null = null;
  const journal = createJournalCheck(checkFile);
  return {
    db,
    syncWal: async () => {
      wal ??= open(`${file}-wal`, 'r');
      // fdatasync, as SQLite itself syncs the WAL: the written frames and the file size, not timestamps
      await (await wal).datasync();
      await journal.check();
    },
    async close() {
      if (wal !== null) await (await wal).close();
      await journal.close();
      db.close();
    },
  };
}

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  /**
   * `store_in_use`: another process holds the files (SQLITE_BUSY); `store_unsyncable`: the write-ahead log could not
   * be made durable at open (server.ts, ADR 0077); `store_unopenable` otherwise.
   */
  readonly code: 'store_in_use' | 'store_unsyncable' | 'store_unopenable';
  constructor(dataDir: string, cause: unknown, stage: 'open' | 'unsyncable' = 'open') {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      stage === 'unsyncable'
        ? `Cannot open the store in ${dataDir}: its write-ahead log could not be made durable (${why}); check the disk`
        : `Cannot open the store in ${dataDir}: ${why} (is another store using it?)`,
      { cause },
    );
    const busy = typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'SQLITE_BUSY';
    this.code = stage === 'unsyncable' ? 'store_unsyncable' : busy ? 'store_in_use' : 'store_unopenable';
  }
}

function configure(db: Db): void {
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768'); // 32 MiB page cache
  db.pragma('temp_store = MEMORY');
  createSchema(db);
}

function createSchema(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY,   -- log position: commit == prepare, strictly increasing
      stream   TEXT    NOT NULL,
      revision INTEGER NOT NULL,      -- 9223372036854775807 for a tombstone
      id       TEXT    NOT NULL,      -- event id, canonical lowercase UUID
      type     TEXT    NOT NULL,
      is_json  INTEGER NOT NULL,
      created  INTEGER NOT NULL,      -- unix milliseconds at commit
      data     BLOB    NOT NULL,
      metadata BLOB    NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, revision);
    CREATE INDEX IF NOT EXISTS events_by_id ON events (id);
  `);
  // take the write lock now (in EXCLUSIVE locking mode it is kept until the connection closes)
  db.exec('BEGIN IMMEDIATE; COMMIT;');
}
