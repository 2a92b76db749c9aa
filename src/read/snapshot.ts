// The projector's persisted state: every envelope it has indexed plus its checkpoint, in a SQLite
// file under DATA_DIR, written one transaction per batch so the checkpoint and the envelopes it
// covers can never disagree. A restart loads the file and resumes after the checkpoint (ADR 0009).
// The file is a cache of the store: on a format mismatch it is emptied and rebuilt from position 0.
import Database from 'better-sqlite3';
import type { Envelope } from '../../projections/envelope.js';
import { envelopeFromJson, envelopeToJson } from './envelope-json.js';

export interface Checkpoint {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface SnapshotStore {
  load(onEnvelope: (envelope: Envelope) => void): Checkpoint | null;
  append(envelopes: readonly Envelope[], checkpoint: Checkpoint): void;
  clear(): void;
  close(): void;
}

export function openSnapshotStore(path: string, formatVersion: string): SnapshotStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // The file can always be rebuilt from the store, so a lost tail after a crash costs a short
  // catch-up, never correctness: NORMAL is enough.
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS envelopes (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
  `);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const insert = db.prepare('INSERT INTO envelopes (body) VALUES (?)');
  const all = db.prepare<[], string>('SELECT body FROM envelopes ORDER BY seq').pluck();

  const clear = db.transaction(() => {
    db.exec('DELETE FROM envelopes; DELETE FROM meta;');
    setMeta.run('format', formatVersion);
  });
  if (getMeta.get('format')?.value !== formatVersion) clear();

  const append = db.transaction((envelopes: readonly Envelope[], checkpoint: Checkpoint) => {
    for (const envelope of envelopes) insert.run(JSON.stringify(envelopeToJson(envelope)));
    setMeta.run('checkpoint', `${checkpoint.commit}/${checkpoint.prepare}`);
  });

  return {
    load(onEnvelope) {
      const raw = getMeta.get('checkpoint')?.value;
      if (raw === undefined) return null;
      const [commit, prepare] = raw.split('/');
      for (const body of all.iterate()) onEnvelope(envelopeFromJson(JSON.parse(body)));
      return { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? '0') };
    },
    append(envelopes, checkpoint) {
      append(envelopes, checkpoint);
    },
    clear() {
      clear();
    },
    close() {
      db.close();
    },
  };
}
