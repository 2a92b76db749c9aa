// What each leaf of the Merkle log stood for (event id, stream, revision), kept LEAF_CHUNK leaves to a row
// (ADR 0053): the log file's first formats had a row per leaf, and SQLite's work per row was most of what
// the file cost the checks. A chunk holds its leaves' event ids as a JSON array and their streams as runs
// of consecutive revisions ([stream, first revision, count]: a stream's events usually follow one another
// in $all), so a chunk's text is small and exact for any id or stream name. Chunks fill up in order; only
// the last, still partial, is rewritten by the next commit.
import type Database from 'better-sqlite3';

/** Leaves in one chunk row. */
export const LEAF_CHUNK = 64;

export const LEAF_SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_leaf_chunk (chunk INTEGER PRIMARY KEY, leaves INTEGER NOT NULL, ids TEXT NOT NULL, streams TEXT NOT NULL);
`;

export interface LeafRecord {
  readonly eventId: string;
  readonly stream: string;
  readonly revision: bigint;
}

export interface LeafInfo extends LeafRecord {
  readonly index: number;
}

/** The log file held something other than what this module writes. */
export class LeafChunkError extends Error {
  override readonly name = 'LeafChunkError';
  readonly code = 'merkle_store_corrupt';
}

type ChunkRow = { chunk: number; leaves: number; ids: string; streams: string };

function encode(leaves: readonly LeafRecord[]): { ids: string; streams: string } {
  const runs: Array<[string, string, number]> = [];
  let run: [string, string, number] | undefined;
  let next = -1n;
  for (const leaf of leaves) {
    if (run !== undefined && run[0] === leaf.stream && leaf.revision === next) run[2] += 1;
    else {
      run = [leaf.stream, leaf.revision.toString(), 1];
      runs.push(run);
    }
    next = leaf.revision + 1n;
  }
  return { ids: JSON.stringify(leaves.map((l) => l.eventId)), streams: JSON.stringify(runs) };
}

function decode(row: ChunkRow): LeafRecord[] {
  const fail = (): never => {
    throw new LeafChunkError(`Leaf chunk ${row.chunk} of the Merkle log is not readable`);
  };
  let ids: unknown;
  let runs: unknown;
  try {
    ids = JSON.parse(row.ids);
    runs = JSON.parse(row.streams);
  } catch {
    return fail();
  }
  if (!Array.isArray(ids) || !Array.isArray(runs) || ids.length !== row.leaves) return fail();
  const out: LeafRecord[] = [];
  for (const run of runs as unknown[]) {
    if (!Array.isArray(run) || run.length !== 3) return fail();
    const [stream, first, count] = run as unknown[];
    if (typeof stream !== 'string' || typeof first !== 'string' || !/^\d+$/.test(first)) return fail();
    if (!Number.isSafeInteger(count) || (count as number) < 1) return fail();
    for (let i = 0; i < (count as number); i += 1) {
      const eventId = ids[out.length] as unknown;
      if (typeof eventId !== 'string') return fail();
      out.push({ eventId, stream, revision: BigInt(first) + BigInt(i) });
    }
  }
  if (out.length !== row.leaves) return fail();
  return out;
}

export interface LeafChunks {
  /** Leaves the file names (the last chunk's end). */
  count(): number;
  leaf(index: number): LeafInfo | undefined;
  /** Leaves from `from` (inclusive) to `to` (exclusive), as far as the file holds them. */
  leaves(from: number, to: number): LeafInfo[];
  /** The event id of each leaf of `indexes` that exists, by index. */
  eventIds(indexes: readonly number[]): Map<number, string>;
}

/** Reads the leaf chunks of `db` (the writer's and any follower's). */
export function leafChunkReader(db: Database.Database): LeafChunks {
  const selectChunk = db.prepare('SELECT chunk, leaves, ids, streams FROM log_leaf_chunk WHERE chunk = ?');
  const selectRange = db.prepare(
    'SELECT chunk, leaves, ids, streams FROM log_leaf_chunk WHERE chunk >= ? AND chunk < ? ORDER BY chunk',
  );
  const selectEnd = db
    .prepare('SELECT chunk * ' + LEAF_CHUNK + ' + leaves FROM log_leaf_chunk ORDER BY chunk DESC LIMIT 1')
    .pluck();
  // One id, cut from its chunk's JSON by SQLite: a lookup by event id asks for a candidate or two, not 64 ids.
  const selectId = db
    .prepare('SELECT json_extract(ids, ?) FROM log_leaf_chunk WHERE chunk = ? AND json_valid(ids)')
    .pluck();
  const chunkOf = (chunk: number): LeafRecord[] | undefined => {
    const row = selectChunk.get(chunk) as ChunkRow | undefined;
    return row === undefined ? undefined : decode(row);
  };
  const leaves = (from: number, to: number): LeafInfo[] => {
    if (!(to > from) || from < 0) return [];
    const out: LeafInfo[] = [];
    const rows = selectRange.all(Math.floor(from / LEAF_CHUNK), Math.ceil(to / LEAF_CHUNK)) as ChunkRow[];
    for (const row of rows) {
      decode(row).forEach((leaf, i) => {
        const index = row.chunk * LEAF_CHUNK + i;
        if (index >= from && index < to) out.push({ index, ...leaf });
      });
    }
    return out;
  };
  return {
    count: () => (selectEnd.get() as number | undefined) ?? 0,
    leaf(index) {
      if (!Number.isSafeInteger(index) || index < 0) return undefined;
      const leaf = chunkOf(Math.floor(index / LEAF_CHUNK))?.[index % LEAF_CHUNK];
      return leaf === undefined ? undefined : { index, ...leaf };
    },
    leaves,
    eventIds(indexes) {
      const found = new Map<number, string>();
      for (const index of indexes) {
        const eventId: unknown = selectId.get(`$[${index % LEAF_CHUNK}]`, Math.floor(index / LEAF_CHUNK));
        if (typeof eventId === 'string') found.set(index, eventId);
      }
      return found;
    },
  };
}

/**
 * Files leaves `first`, `first + 1`, ... (first = the leaves the file names so far); inside the caller's
 * transaction. The partial chunk they continue is read back from the file, not kept: a transaction that
 * rolled back leaves nothing stale here.
 */
export function leafChunkWriter(db: Database.Database): (first: number, leaves: readonly LeafRecord[]) => void {
  const selectChunk = db.prepare('SELECT chunk, leaves, ids, streams FROM log_leaf_chunk WHERE chunk = ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO log_leaf_chunk (chunk, leaves, ids, streams) VALUES (?, ?, ?, ?)');
  return (first, leaves) => {
    if (leaves.length === 0) return;
    let chunk = Math.floor(first / LEAF_CHUNK);
    let pending: LeafRecord[] = [];
    if (first % LEAF_CHUNK !== 0) {
      const row = selectChunk.get(chunk) as ChunkRow | undefined;
      const held = row === undefined ? [] : decode(row);
      if (held.length !== first % LEAF_CHUNK)
        throw new LeafChunkError(`Leaf chunk ${chunk} holds ${held.length} leaves, not ${first % LEAF_CHUNK}`);
      pending = held;
    }
    for (const leaf of leaves) {
      pending.push(leaf);
      if (pending.length === LEAF_CHUNK) {
        const { ids, streams } = encode(pending);
        upsert.run(chunk, pending.length, ids, streams);
        chunk += 1;
        pending = [];
      }
    }
    if (pending.length > 0) {
      const { ids, streams } = encode(pending);
      upsert.run(chunk, pending.length, ids, streams);
    }
  };
}
