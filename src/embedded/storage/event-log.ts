// Prepared statements over the events table: the only place that speaks SQL for reads.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { isTombstoneRevision, isMetastream, type StoredRecord } from '../model.js';
import { EMPTY_METADATA, isSoftDeleted, parseStreamMetadata, type StreamMetadata } from './metadata.js';

export interface StreamHead {
  /** Last revision written (-1 if none); for a tombstoned stream the revision before the tombstone is not tracked. */
  last: number;
  lastPosition: number | null;
  tombstoned: boolean;
}

/** What a stream read may see right now. */
export type StreamView =
  | { kind: 'not_found' }
  | { kind: 'deleted' }
  | { kind: 'visible'; last: number; minRevision: number; minCreatedMs: number };

export interface NewRecord {
  stream: string;
  revision: number | bigint;
  id: string;
  type: string;
  isJson: boolean;
  createdMs: number;
  data: Uint8Array;
  metadata: Uint8Array;
}

// Data and metadata come back as one blob and the data's length (a performance trick, ADR 0058): better-sqlite3
// gives each blob column a Buffer of its own (an ArrayBuffer, a zeroed malloc, an external-memory entry for the
// GC): with their malloc, about a sixth of the store's thread in a catch-up read; one blob per row halves that, and the
// two are views of it. `||` joins the bytes as they are (blobs are not converted), CAST gives them back as a
// blob, and octet_length counts bytes; test/embedded/internals/event-log-blobs.int.test.ts reads back random
// bytes (NULs, invalid UTF-8, empty) written through insert.
const COLUMNS =
  'position, stream, revision, id, type, is_json, created, CAST(data || metadata AS BLOB), octet_length(data)';
type Row = [number, string, number, string, string, number, number, Buffer, number];

function isRow(value: unknown): value is Row {
  return Array.isArray(value) && value.length === 9;
}

function toRecord(row: Row): StoredRecord {
  const both = row[7];
  return {
    position: row[0],
    stream: row[1],
    revision: row[2],
    id: row[3],
    type: row[4],
    isJson: row[5] === 1,
    createdMs: row[6],
    data: both.subarray(0, row[8]),
    metadata: both.subarray(row[8]),
  };
}

function toRecords(rows: unknown[]): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const row of rows) if (isRow(row)) out.push(toRecord(row));
  return out;
}

export interface EventLog {
  /** The stream's last record (for a reader: its last durable one). */
  head(stream: string): StreamHead;
  metadataOf(stream: string): StreamMetadata;
  metastreamExists(stream: string): boolean;
  view(stream: string, nowMs: number): StreamView;
  recordAt(stream: string, revision: number): StoredRecord | undefined;
  firstById(id: string): { stream: string; revision: number; position: number } | undefined;
  streamForward(
    stream: string,
    fromRevision: number,
    toRevision: number,
    minCreatedMs: number,
    limit: number,
  ): StoredRecord[];
  streamBackward(
    stream: string,
    fromRevision: number,
    minRevision: number,
    minCreatedMs: number,
    limit: number,
  ): StoredRecord[];
  allForward(fromPosition: number, limit: number): StoredRecord[];
  allBackward(beforePosition: number, limit: number): StoredRecord[];
  /** The log's last position (for a reader: the last durable one). */
  lastPosition(): number;
  insert(record: NewRecord): number;
}

/**
 * The log as readers see it: every statement bounded by `upTo()`, the last durable position (ADR 0073). Rows a
 * transaction committed are visible to every statement of the connection at once, before the WAL's sync that makes
 * them durable completed, and after it failed; a reader is shown none of them until a sync has covered them.
 */
export type LogReader = Omit<EventLog, 'insert'>;

/** Limits whose statements are kept by `limited`; a read asks for READ_BATCH, or fewer at the end of its count. */
const KEPT_LIMITS = 16;

/**
 * The rows of a read statement ending in `LIMIT ` (`sql`), the limit written into the SQL (a performance trick, ADR
 * 0058 addendum). SQLite (3.53, as better-sqlite3 bundles it) reads a LIMIT given as a parameter as the constant it is
 * bound to, and so marks the statement to be prepared again whenever that parameter is bound again; better-sqlite3
 * binds every parameter at every call, so with `LIMIT ?` each batch of a read parsed and planned its statement anew.
 * A statement is kept for each of the first KEPT_LIMITS limits asked for; any other limit is bound as before.
 */
function limited(db: Db, sql: string): (limit: number, ...params: unknown[]) => unknown[] {
  const bound = db.prepare(`${sql}?`).raw(true);
  const kept = new Map<number, Statement>();
  return (limit, ...params) => {
    let statement = kept.get(limit);
    if (statement === undefined && Number.isSafeInteger(limit) && limit >= 0 && kept.size < KEPT_LIMITS) {
      statement = db.prepare(`${sql}${limit}`).raw(true);
      kept.set(limit, statement);
    }
    return statement === undefined ? bound.all(...params, limit) : statement.all(...params);
  };
}

/** The log as the write path sees it: every committed row (its expected-revision and idempotency checks). */
export function createEventLog(db: Db): EventLog {
  return build(db, null);
}

/** The log as readers see it, bounded by the last durable position (`upTo`, the commit notifier's). */
export function createLogReader(db: Db, upTo: () => number): LogReader {
  const { insert: _insert, ...reader } = build(db, upTo);
  return reader;
}

function build(db: Db, upTo: (() => number) | null): EventLog {
  const stmt = (sql: string): Statement => db.prepare(sql);
  // The bound, on readers' statements only: the write path's statements are as they were.
  const B = upTo === null ? '' : ' AND position <= ?';
  const headStmt = stmt(
    `SELECT revision, position FROM events WHERE stream = ?${B} ORDER BY revision DESC LIMIT 1`,
  ).raw(true);
  const lastMetaStmt = stmt(`SELECT data, is_json FROM events WHERE stream = ?${B} ORDER BY revision DESC LIMIT 1`).raw(
    true,
  );
  const atStmt = stmt(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision = ?${B}`).raw(true);
  const byIdStmt = stmt(`SELECT stream, revision, position FROM events WHERE id = ?${B} ORDER BY position LIMIT 1`).raw(
    true,
  );
  const fwdStmt = limited(
    db,
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? AND revision <= ? AND created >= ?${B} ORDER BY revision LIMIT `,
  );
  const bwdStmt = limited(
    db,
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? AND revision >= ? AND created >= ?${B} ORDER BY revision DESC LIMIT `,
  );
  const allFwdStmt = limited(db, `SELECT ${COLUMNS} FROM events WHERE position >= ?${B} ORDER BY position LIMIT `);
  // Backwards, the bound is the start: `before` is brought down to it (no statement of its own).
  const allBwdStmt = limited(db, `SELECT ${COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT `);
  const maxPosStmt = stmt('SELECT MAX(position) FROM events').raw(true);
  const insertStmt = stmt(
    'INSERT INTO events (stream, revision, id, type, is_json, created, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  function head(stream: string): StreamHead {
    const row: unknown = upTo === null ? headStmt.get(stream) : headStmt.get(stream, upTo());
    if (!Array.isArray(row)) return { last: -1, lastPosition: null, tombstoned: false };
    const revision = Number(row[0]);
    return { last: revision, lastPosition: Number(row[1]), tombstoned: isTombstoneRevision(revision) };
  }

  function metadataOf(stream: string): StreamMetadata {
    if (isMetastream(stream)) return { maxCount: 1, raw: {} };
    const row: unknown = upTo === null ? lastMetaStmt.get(`$$${stream}`) : lastMetaStmt.get(`$$${stream}`, upTo());
    if (!Array.isArray(row) || !(row[0] instanceof Uint8Array)) return EMPTY_METADATA;
    return parseStreamMetadata(row[0], row[1] === 1);
  }

  function view(stream: string, nowMs: number): StreamView {
    if (isMetastream(stream) && head(stream.slice(2)).tombstoned) return { kind: 'deleted' };
    const h = head(stream);
    if (h.tombstoned) return { kind: 'deleted' };
    if (h.last < 0) return { kind: 'not_found' };
    const meta = metadataOf(stream);
    if (isSoftDeleted(meta)) return { kind: 'not_found' };
    let minRevision = meta.truncateBefore ?? 0;
    if (meta.maxCount !== undefined) minRevision = Math.max(minRevision, h.last - meta.maxCount + 1);
    const minCreatedMs = meta.maxAgeSeconds !== undefined ? nowMs - meta.maxAgeSeconds * 1000 : -1;
    return { kind: 'visible', last: h.last, minRevision, minCreatedMs };
  }

  return {
    head,
    metadataOf,
    metastreamExists: (stream) => head(`$$${stream}`).last >= 0,
    view,
    recordAt(stream, revision) {
      const row: unknown = upTo === null ? atStmt.get(stream, revision) : atStmt.get(stream, revision, upTo());
      return isRow(row) ? toRecord(row) : undefined;
    },
    firstById(id) {
      const row: unknown = upTo === null ? byIdStmt.get(id) : byIdStmt.get(id, upTo());
      if (!Array.isArray(row)) return undefined;
      return { stream: String(row[0]), revision: Number(row[1]), position: Number(row[2]) };
    },
    streamForward: (stream, from, to, minCreated, limit) =>
      toRecords(
        upTo === null
          ? fwdStmt(limit, stream, from, to, minCreated)
          : fwdStmt(limit, stream, from, to, minCreated, upTo()),
      ),
    streamBackward: (stream, from, min, minCreated, limit) =>
      toRecords(
        upTo === null
          ? bwdStmt(limit, stream, from, min, minCreated)
          : bwdStmt(limit, stream, from, min, minCreated, upTo()),
      ),
    allForward: (from, limit) => toRecords(upTo === null ? allFwdStmt(limit, from) : allFwdStmt(limit, from, upTo())),
    allBackward: (before, limit) => toRecords(allBwdStmt(limit, upTo === null ? before : Math.min(before, upTo() + 1))),
    lastPosition() {
      if (upTo !== null) return upTo();
      const row: unknown = maxPosStmt.get();
      return Array.isArray(row) && typeof row[0] === 'number' ? row[0] : 0;
    },
    insert(r) {
      const info = insertStmt.run(
        r.stream,
        r.revision,
        r.id,
        r.type,
        r.isJson ? 1 : 0,
        r.createdMs,
        r.data,
        r.metadata,
      );
      return Number(info.lastInsertRowid);
    },
  };
}
