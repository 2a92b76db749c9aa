// Opens the SQLite file (or :memory:) with the durability settings the store promises and
// creates the schema. See docs/adr/0003-embedded-store.md.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  dataDir?: string | undefined;
  memory?: boolean | undefined;
}

export const DB_FILE_NAME = 'events.sqlite';

export function openDatabase(options: OpenOptions): Db {
  let db: Db;
  if (options.memory === true || options.dataDir === undefined) {
    db = new Database(':memory:');
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    db = new Database(join(options.dataDir, DB_FILE_NAME));
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768'); // 32 MiB page cache
  db.pragma('temp_store = MEMORY');
  createSchema(db);
  return db;
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
}
