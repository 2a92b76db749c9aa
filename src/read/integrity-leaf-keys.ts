// Which leaf of the Merkle log holds an event (ADR 0047): the proof routes ask by event id. An event id
// is a random UUID, and one B-tree keyed on it (the log file's first format: an index on log_leaf's
// event_id) takes a random page for nearly every leaf, so each commit rewrote much of that index. Here
// the keys are kept in sorted runs, as a log-structured merge tree does:
//   log_key      (run, key, idx)  WITHOUT ROWID: each commit's leaves as a new run, whose number is
//                                 larger than any before, so its rows go at the end of the B-tree
//   log_key_run  (run, level, leaves)  the runs; a commit's run is level 0, and once the newest FANOUT
//                                 runs share a level they are merged into one run a level up
// A key is a 53-bit hash of the event id (leafKey); a lookup probes each run (a few dozen at most) and
// checks the leaf's own event id, so two ids with one key cannot be confused. Every leaf is rewritten
// once per level (log base FANOUT of the commits), always at the end of the B-tree.
import type Database from 'better-sqlite3';
import { rowInserter } from '../integrity/sqlite-rows.js';

/** How many runs of one level are merged into one. */
const FANOUT = 8;
/** The level of a run built from every leaf at once (opening a file of the first format): never merged. */
const REBUILT = 1000;

export const LEAF_KEY_SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_key (run INTEGER NOT NULL, key INTEGER NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (run, key, idx)) WITHOUT ROWID;
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

export interface LeafKeyWriter {
  /** Files the leaves `first`, `first + 1`, ... under their event ids; inside the caller's transaction. */
  add(first: number, eventIds: readonly string[]): void;
}

/**
 * Prepares the key tables in `db` (whose log_leaf exists) for `leafCount` leaves: a file of the first format
 * (its event-id index present), or one whose runs do not name every leaf, has its keys built again from log_leaf
 * in one run, and the old index dropped. The writer's; in one transaction.
 */
export function openLeafKeys(db: Database.Database, leafCount: number): LeafKeyWriter {
  db.exec(LEAF_KEY_SCHEMA);
  db.function('leaf_key', { deterministic: true }, (eventId: unknown) => leafKey(String(eventId)));
  const oldIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'log_leaf_by_event'").get();
  const keyed = db.prepare('SELECT coalesce(sum(leaves), 0) FROM log_key_run').pluck().get() as number;
  if (oldIndex !== undefined || keyed !== leafCount) {
    db.transaction(() => {
      db.exec('DELETE FROM log_key; DELETE FROM log_key_run; DROP INDEX IF EXISTS log_leaf_by_event');
      if (leafCount > 0) {
        db.exec('INSERT INTO log_key (run, key, idx) SELECT 1, leaf_key(event_id), idx FROM log_leaf ORDER BY 2, 3');
        db.prepare('INSERT INTO log_key_run (run, level, leaves) VALUES (1, ?, ?)').run(REBUILT, leafCount);
      }
    })();
  }

  const selectRuns = db.prepare('SELECT run, level, leaves FROM log_key_run ORDER BY run');
  const insertKeys = rowInserter(db, 'log_key', ['run', 'key', 'idx']);
  const insertRun = db.prepare('INSERT INTO log_key_run (run, level, leaves) VALUES (?, ?, ?)');
  const copyRuns = db.prepare(
    'INSERT INTO log_key (run, key, idx) SELECT ?, key, idx FROM log_key WHERE run >= ? AND run < ? ORDER BY key, idx',
  );
  const dropKeys = db.prepare('DELETE FROM log_key WHERE run >= ? AND run < ?');
  const dropRuns = db.prepare('DELETE FROM log_key_run WHERE run >= ? AND run < ?');

  return {
    add(first, eventIds) {
      if (eventIds.length === 0) return;
      // Read from the file each time: a transaction that rolled back leaves no stale copy here.
      const runs = selectRuns.all() as Array<{ run: number; level: number; leaves: number }>;
      let next = (runs.at(-1)?.run ?? 0) + 1;
      const rows: unknown[] = new Array<unknown>(eventIds.length * 3);
      eventIds.forEach((eventId, i) => {
        rows[3 * i] = next;
        rows[3 * i + 1] = leafKey(eventId);
        rows[3 * i + 2] = first + i;
      });
      insertKeys(rows);
      insertRun.run(next, 0, eventIds.length);
      runs.push({ run: next, level: 0, leaves: eventIds.length });
      next += 1;
      for (;;) {
        const tail = runs.slice(-FANOUT);
        const level = tail[0]?.level;
        if (tail.length < FANOUT || tail.some((r) => r.level !== level) || level === undefined || level >= REBUILT)
          break;
        const from = tail[0]?.run ?? 0;
        const leaves = tail.reduce((n, r) => n + r.leaves, 0);
        copyRuns.run(next, from, next);
        dropKeys.run(from, next);
        dropRuns.run(from, next);
        insertRun.run(next, level + 1, leaves);
        runs.splice(-FANOUT, FANOUT, { run: next, level: level + 1, leaves });
        next += 1;
      }
    },
  };
}

/** The first leaf (lowest index) whose event id is `eventId`, as the file holds it; the writer's and any follower's. */
export function leafKeyLookup(db: Database.Database): (eventId: string) => number | undefined {
  // The runs first (a few dozen rows), then one probe of the key in each: CROSS JOIN keeps that order.
  const select = db
    .prepare(
      `SELECT l.idx FROM log_key_run r CROSS JOIN log_key k CROSS JOIN log_leaf l
       WHERE k.run = r.run AND k.key = ? AND l.idx = k.idx AND l.event_id = ?
       ORDER BY l.idx LIMIT 1`,
    )
    .pluck();
  return (eventId) => select.get(leafKey(eventId), eventId) as number | undefined;
}
