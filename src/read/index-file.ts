// The read index on disk (ADR 0010): one SQLite file under DATA_DIR holding every envelope the
// projector has indexed, which keys each is filed under, a row per key (kind, id, version, latest
// valid and record times) and the projector's checkpoint. A batch of envelopes and the checkpoint
// that covers it are written in one transaction, so they can never disagree. Opening the file reads
// only the key rows and the checkpoint; a key's envelopes are read when a query needs them, through
// the covering primary key (key, seq), so a restart costs the number of keys, not of events.
// The file is a cache of the store: on a format mismatch it is emptied and rebuilt from position 0.
import Database from 'better-sqlite3';
import { preparePrivateSqliteFile } from '../files/private.js';
import { compareLogAt, type LogPosition } from '../../contracts/log-position.js';
import type { Envelope } from '../../projections/envelope.js';
import { envelopeFromJson, envelopeToJson, type EnvelopeJson } from './envelope-json.js';

/** The projector's checkpoint: the log position of the last event it indexed. */
export type Checkpoint = LogPosition;

/** What the index keeps in memory about a key. */
export interface KeyInfo {
  readonly key: string;
  /** Envelopes filed under the key (its version for caches and ETags). */
  version: number;
  /** Latest valid time and record time among them (ISO). */
  maxValid: string;
  maxRecorded: string;
  /** Seq of its first envelope (first-seen order of ids). */
  readonly firstSeq: number;
}

export interface FiledEnvelope {
  /** 1, 2, 3 ... in the order the index received them (commit order). */
  readonly seq: number;
  readonly envelope: Envelope;
  readonly keys: readonly string[];
}

/**
 * The reads take `seqs`: read only envelopes at or before that seq (default: all). A reader whose writes
 * land in the file on another thread (index-file-thread.ts) reads only what it knows is written, and
 * holds the rest in memory: one envelope is never read from both.
 */
export interface IndexFile {
  /** Checkpoint, envelope count and every key row; null when the file holds nothing yet. */
  open(): { checkpoint: Checkpoint; size: number; lastPosition: bigint | null; keys: KeyInfo[] } | null;
  /** The key's envelopes in commit order. */
  envelopesOf(key: string, seqs?: number): Envelope[];
  /** Keys the stream's event with that id was filed under; null when it is not in the file. */
  keysOfEvent(streamName: string, eventId: string): readonly string[] | null;
  /** idHash() of every event id in the file. */
  idHashes(): Iterable<number>;
  /** Envelopes after `after` (commit order), at most `limit`. */
  after(after: Checkpoint | null, limit: number, seqs?: number): Envelope[];
  /** How many envelopes are at or before `through`. */
  countThrough(through: Checkpoint, seqs?: number): number;
  /**
   * Writes a batch, the rows of the keys it touched (as they are when called) and the checkpoint, in one
   * transaction: at once (void; throws when it could not), or on another thread (a promise; rejects when
   * it could not). Batches are written in the order they are handed over.
   */
  append(batch: readonly FiledEnvelope[], keys: readonly KeyInfo[], checkpoint: Checkpoint): void | Promise<void>;
  /** Closes the file, once every batch handed over is written (or failed). */
  close(): void | Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS envelopes (
    seq INTEGER PRIMARY KEY,
    id_hash INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    commit_pos INTEGER NOT NULL,
    prepare_pos INTEGER NOT NULL,
    keys TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS envelopes_by_id_hash ON envelopes (id_hash);
  CREATE TABLE IF NOT EXISTS filed (key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS keys (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    max_valid TEXT NOT NULL,
    max_recorded TEXT NOT NULL,
    first_seq INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** 32-bit FNV-1a of an event id: the in-memory "have I seen it" set and the id column's index. */
export function idHash(eventId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i += 1) h = Math.imul(h ^ eventId.charCodeAt(i), 0x01000193);
  return h | 0;
}

function parseBody(body: string): Envelope {
  return envelopeFromJson(JSON.parse(body) as EnvelopeJson);
}

export interface IndexFileOptions {
  /**
   * A scratch file (an audit replay's, deleted afterwards): no WAL and no sync, so no write ever
   * waits for the disk or for a checkpoint (one held a replay's event loop: figures in ADR 0032).
   */
  scratch?: boolean;
  /**
   * Read another connection's file (an audit replay's worker reads the live index): nothing is
   * created, set or cleared; a file of another format is an error. Each read sees what was flushed
   * by then, so a reader filters by position what it must not see (replay.ts, indexAtPosition).
   */
  readOnly?: boolean;
}

export function openIndexFile(path: string, formatVersion: string, options: IndexFileOptions = {}): IndexFile {
  const readOnly = options.readOnly === true;
  if (!readOnly) preparePrivateSqliteFile(path); // 0600, and so are its -wal and -shm
  const db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
  if (readOnly) {
    // The writer keeps it in WAL mode; a reader changes nothing.
  } else if (options.scratch === true) {
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
  } else {
    db.pragma('journal_mode = WAL');
    // The file can always be rebuilt from the store, so a lost tail after a crash costs a short
    // catch-up, never correctness: NORMAL is enough.
    db.pragma('synchronous = NORMAL');
    // Checkpoint the WAL every 10,000 pages instead of SQLite's 1,000: each checkpoint syncs the file (ADR 0032).
    db.pragma('wal_autocheckpoint = 10000');
  }
  db.pragma('cache_size = -32000');
  if (!readOnly) db.exec(SCHEMA);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const insertEnvelope = db.prepare(
    'INSERT INTO envelopes (seq, id_hash, event_id, commit_pos, prepare_pos, keys, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFiled = db.prepare('INSERT INTO filed (key, seq) VALUES (?, ?)');
  const upsertKey = db.prepare(
    'INSERT INTO keys (key, version, max_valid, max_recorded, first_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET version = excluded.version, max_valid = excluded.max_valid, max_recorded = excluded.max_recorded',
  );
  const allKeys = db.prepare<
    [],
    { key: string; version: number; max_valid: string; max_recorded: string; first_seq: number }
  >('SELECT key, version, max_valid, max_recorded, first_seq FROM keys');
  const bodiesOf = db
    .prepare<[string, number], string>(
      'SELECT e.body FROM filed f JOIN envelopes e ON e.seq = f.seq WHERE f.key = ? AND f.seq <= ? ORDER BY f.seq',
    )
    .pluck();
  const keysOf = db.prepare<[number], { event_id: string; stream: string; keys: string }>(
    "SELECT event_id, json_extract(body, '$.streamName') AS stream, keys FROM envelopes WHERE id_hash = ?",
  );
  const hashes = db.prepare<[], number>('SELECT id_hash FROM envelopes').pluck();
  // Seqs run 1, 2, 3 ... without gaps, so the largest is the count (a rowid lookup, not a scan).
  const count = db.prepare<[], number | null>('SELECT max(seq) FROM envelopes').pluck();
  // Seq order is commit order: the last row holds the last position (no scan of commit_pos).
  const lastPos = db
    .prepare<[], bigint>('SELECT commit_pos FROM envelopes ORDER BY seq DESC LIMIT 1')
    .pluck()
    .safeIntegers(true);
  const positionAt = db
    .prepare<[number], { commit_pos: bigint; prepare_pos: bigint }>(
      'SELECT commit_pos, prepare_pos FROM envelopes WHERE seq = ?',
    )
    .safeIntegers(true);
  const fromSeq = db
    .prepare<[number, number, number], string>(
      'SELECT body FROM envelopes WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?',
    )
    .pluck();
  const lastSeq = (seqs: number | undefined): number => Math.min(count.get() ?? 0, seqs ?? Number.MAX_SAFE_INTEGER);

  /** First seq whose position is after `after` (at most `seqs` + 1): seq order is commit order, so a binary search. */
  const firstSeqAfter = (after: Checkpoint, seqs: number | undefined): number => {
    let lo = 1;
    let hi = lastSeq(seqs);
    hi += 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = positionAt.get(mid);
      const before =
        row !== undefined && compareLogAt(row.commit_pos, row.prepare_pos, after.commit, after.prepare) <= 0;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const clear = db.transaction(() => {
    db.exec('DELETE FROM envelopes; DELETE FROM filed; DELETE FROM keys; DELETE FROM meta;');
    setMeta.run('format', formatVersion);
  });
  const format = getMeta.get('format')?.value;
  if (readOnly && format !== formatVersion)
    throw new Error(`index file ${path} has format ${format ?? 'none'}, not ${formatVersion}`);
  if (format !== formatVersion) clear();

  const append = db.transaction((batch: readonly FiledEnvelope[], keys: readonly KeyInfo[], checkpoint: Checkpoint) => {
    for (const { seq, envelope, keys: filedUnder } of batch) {
      insertEnvelope.run(
        seq,
        idHash(envelope.eventId),
        envelope.eventId,
        envelope.commit,
        envelope.prepare,
        filedUnder.join('\n'),
        JSON.stringify(envelopeToJson(envelope)),
      );
      for (const key of filedUnder) insertFiled.run(key, seq);
    }
    for (const k of keys) upsertKey.run(k.key, k.version, k.maxValid, k.maxRecorded, k.firstSeq);
    setMeta.run('checkpoint', `${checkpoint.commit}/${checkpoint.prepare}`);
  });

  return {
    open() {
      const raw = getMeta.get('checkpoint')?.value;
      if (raw === undefined) return null;
      const [commit, prepare] = raw.split('/');
      const keys = allKeys.all().map((r) => ({
        key: r.key,
        version: r.version,
        maxValid: r.max_valid,
        maxRecorded: r.max_recorded,
        firstSeq: r.first_seq,
      }));
      return {
        checkpoint: { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? '0') },
        size: count.get() ?? 0,
        lastPosition: lastPos.get() ?? null,
        keys,
      };
    },
    envelopesOf: (key, seqs) => bodiesOf.all(key, seqs ?? Number.MAX_SAFE_INTEGER).map(parseBody),
    keysOfEvent(streamName, eventId) {
      const row = keysOf.all(idHash(eventId)).find((r) => r.event_id === eventId && r.stream === streamName);
      return row === undefined ? null : row.keys === '' ? [] : row.keys.split('\n');
    },
    idHashes: () => hashes.iterate(),
    after(after, limit, seqs) {
      const from = after === null ? 1 : firstSeqAfter(after, seqs);
      return fromSeq.all(from, seqs ?? Number.MAX_SAFE_INTEGER, limit).map(parseBody);
    },
    countThrough: (through, seqs) => firstSeqAfter(through, seqs) - 1,
    append(batch, keys, checkpoint) {
      append(batch, keys, checkpoint);
    },
    close() {
      db.close();
    },
  };
}
