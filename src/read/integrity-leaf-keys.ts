// Which leaf of the Merkle log holds an event (ADR 0047, ADR 0053): the proof routes ask by event id. An event
// id is a random UUID, and one B-tree keyed on it takes a random page for nearly every leaf, so the keys are
// kept in sorted runs, as a log-structured merge tree does (ADR 0047), and a run is stored in blocks:
//   log_key_block (run, first, entries)  a run's (key, leaf index) pairs in key order, up to BLOCK_ENTRIES
//                                 to a row (8-byte floats, two a pair: whole numbers below 2^53, exact),
//                                 `first` the block's lowest key; a key never spans two blocks of a run
//   log_key_run   (run, level, leaves)  the runs; each commit's leaves are a new run, level 0, and once the
//                                 newest FANOUT runs share a level they are merged into one run a level up
// A key is a 53-bit hash of the event id (leafKey); a lookup reads one block of each run (a few dozen at
// most), and checks the leaf's own event id, so two ids with one key cannot be confused. ADR 0047 kept a row
// per pair, written again at each merge; a block per BLOCK_ENTRIES pairs leaves SQLite a row where it had a
// hundred, and the merge is done here, in order, instead of by an INSERT … SELECT … ORDER BY.
import type Database from 'better-sqlite3';
import type { LeafChunks } from './integrity-leaves.js';

/** How many runs of one level are merged into one. */
const FANOUT = 8;
/** The level of a run built from every leaf at once (keys that did not name every leaf): never merged. */
const REBUILT = 1000;
/** Pairs in one block: 512 bytes (a lookup copies one block a run into JavaScript; seven fit a 4 KB page). */
const BLOCK_ENTRIES = 32;

export const LEAF_KEY_SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_key_block (run INTEGER NOT NULL, first INTEGER NOT NULL, entries BLOB NOT NULL, PRIMARY KEY (run, first));
  CREATE TABLE IF NOT EXISTS log_key_run (run INTEGER PRIMARY KEY, level INTEGER NOT NULL, leaves INTEGER NOT NULL);
`;

/** A 53-bit hash of an event id (two FNV-1a variants): a whole number SQLite and JavaScript hold exactly. */
export function leafKey(eventId: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < eventId.length; i += 1) {
    const c = eventId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/** Pairs (key, index), flat, in (key, index) order. */
type Pairs = Float64Array;

function pairsOf(blob: unknown): Pairs {
  if (!Buffer.isBuffer(blob) || blob.length % 16 !== 0) return new Float64Array(0);
  // A copy: the blob's bytes need not be 8-byte aligned.
  const copy = new Float64Array(blob.length / 8);
  new Uint8Array(copy.buffer).set(blob);
  return copy;
}

/** Sorts the pairs of `keys[i]`, `first + i`. */
function sortedPairs(first: number, keys: readonly number[]): Pairs {
  const order = keys.map((_, i) => i).sort((i, j) => (keys[i] as number) - (keys[j] as number) || i - j);
  const pairs = new Float64Array(keys.length * 2);
  order.forEach((i, at) => {
    pairs[2 * at] = keys[i] as number;
    pairs[2 * at + 1] = first + i;
  });
  return pairs;
}

/** Merges runs of pairs, each in order, into one in order. */
function merge(runs: readonly Pairs[]): Pairs {
  const out = new Float64Array(runs.reduce((n, r) => n + r.length, 0));
  const at = runs.map(() => 0);
  for (let o = 0; o < out.length; o += 2) {
    let best = -1;
    for (let r = 0; r < runs.length; r += 1) {
      const run = runs[r] as Pairs;
      const i = at[r] as number;
      if (i >= run.length) continue;
      if (best < 0) best = r;
      else {
        const b = runs[best] as Pairs;
        const j = at[best] as number;
        const d = (run[i] as number) - (b[j] as number) || (run[i + 1] as number) - (b[j + 1] as number);
        if (d < 0) best = r;
      }
    }
    const run = runs[best] as Pairs;
    const i = at[best] as number;
    out[o] = run[i] as number;
    out[o + 1] = run[i + 1] as number;
    at[best] = i + 2;
  }
  return out;
}

export interface LeafKeyWriter {
  /** Files the leaves `first`, `first + 1`, ... under their event ids; inside the caller's transaction. */
  add(first: number, eventIds: readonly string[]): void;
}

/**
 * Prepares the key tables in `db` for `leafCount` leaves: keys that do not name every leaf (a file edited, or
 * keys never written) are built again from the leaves in one run. The writer's; in one transaction.
 */
export function openLeafKeys(db: Database.Database, leafCount: number, leaves: LeafChunks): LeafKeyWriter {
  db.exec(LEAF_KEY_SCHEMA);
  const insertBlock = db.prepare('INSERT INTO log_key_block (run, first, entries) VALUES (?, ?, ?)');
  const insertRun = db.prepare('INSERT INTO log_key_run (run, level, leaves) VALUES (?, ?, ?)');
  const writeRun = (run: number, level: number, pairs: Pairs): void => {
    for (let from = 0; from < pairs.length;) {
      let to = Math.min(pairs.length, from + 2 * BLOCK_ENTRIES);
      // One key's pairs in one block: a lookup reads the one block whose range holds the key.
      while (to < pairs.length && pairs[to] === pairs[to - 2]) to += 2;
      const block = pairs.subarray(from, to);
      insertBlock.run(run, block[0], Buffer.from(block.buffer, block.byteOffset, block.byteLength));
      from = to;
    }
    insertRun.run(run, level, pairs.length / 2);
  };
  const keyed = db.prepare('SELECT coalesce(sum(leaves), 0) FROM log_key_run').pluck().get() as number;
  if (keyed !== leafCount) {
    db.transaction(() => {
      db.exec('DELETE FROM log_key_block; DELETE FROM log_key_run');
      if (leafCount > 0) {
        const ids = leaves.leaves(0, leafCount).map((l) => l.eventId);
        writeRun(1, REBUILT, sortedPairs(0, ids.map(leafKey)));
      }
    })();
  }

  const selectRuns = db.prepare('SELECT run, level, leaves FROM log_key_run ORDER BY run');
  const selectBlocks = db.prepare(
    'SELECT run, entries FROM log_key_block WHERE run >= ? AND run < ? ORDER BY run, first',
  );
  const dropKeys = db.prepare('DELETE FROM log_key_block WHERE run >= ? AND run < ?');
  const dropRuns = db.prepare('DELETE FROM log_key_run WHERE run >= ? AND run < ?');

  /** The pairs of runs `from` to `to` (exclusive), one array a run, read from their blocks. */
  const readRuns = (from: number, to: number): Pairs[] => {
    const byRun = new Map<number, Pairs[]>();
    for (const row of selectBlocks.all(from, to) as Array<{ run: number; entries: Buffer }>) {
      let blocks = byRun.get(row.run);
      if (blocks === undefined) byRun.set(row.run, (blocks = []));
      blocks.push(pairsOf(row.entries));
    }
    return [...byRun.values()].map((blocks) => {
      const all = new Float64Array(blocks.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of blocks) {
        all.set(b, at);
        at += b.length;
      }
      return all;
    });
  };

  return {
    add(first, eventIds) {
      if (eventIds.length === 0) return;
      // Read from the file each time: a transaction that rolled back leaves no stale copy here.
      const runs = selectRuns.all() as Array<{ run: number; level: number; leaves: number }>;
      let next = (runs.at(-1)?.run ?? 0) + 1;
      writeRun(next, 0, sortedPairs(first, eventIds.map(leafKey)));
      runs.push({ run: next, level: 0, leaves: eventIds.length });
      next += 1;
      for (;;) {
        const tail = runs.slice(-FANOUT);
        const level = tail[0]?.level;
        if (tail.length < FANOUT || tail.some((r) => r.level !== level) || level === undefined || level >= REBUILT)
          break;
        const from = tail[0]?.run ?? 0;
        const merged = merge(readRuns(from, next));
        dropKeys.run(from, next);
        dropRuns.run(from, next);
        writeRun(next, level + 1, merged);
        runs.splice(-FANOUT, FANOUT, { run: next, level: level + 1, leaves: merged.length / 2 });
        next += 1;
      }
    },
  };
}

/** The first leaf (lowest index) whose event id is `eventId`, as the file holds it; the writer's and any follower's. */
export function leafKeyLookup(db: Database.Database, leaves: LeafChunks): (eventId: string) => number | undefined {
  const selectRuns = db.prepare('SELECT run FROM log_key_run').pluck();
  const selectBlock = db
    .prepare('SELECT entries FROM log_key_block WHERE run = ? AND first <= ? ORDER BY first DESC LIMIT 1')
    .pluck();
  // One read transaction: the runs and their blocks as of one commit, even while the writer merges.
  const lookup = db.transaction((eventId: string): number | undefined => {
    const key = leafKey(eventId);
    const candidates: number[] = [];
    for (const run of selectRuns.all() as number[]) {
      const pairs = pairsOf(selectBlock.get(run, key));
      // The first pair whose key is not below `key`.
      let lo = 0;
      let hi = pairs.length / 2;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((pairs[2 * mid] as number) < key) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; 2 * i < pairs.length && pairs[2 * i] === key; i += 1)
        candidates.push(pairs[2 * i + 1] as number);
    }
    if (candidates.length === 0) return undefined;
    const ids = leaves.eventIds(candidates);
    let found: number | undefined;
    for (const index of candidates)
      if (ids.get(index) === eventId && (found === undefined || index < found)) found = index;
    return found;
  });
  return (eventId) => lookup(eventId);
}
