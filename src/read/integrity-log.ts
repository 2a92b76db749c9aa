// The ledger's Merkle log as the server keeps it (ADR 0022, ADR 0034): one SQLite file in DATA_DIR
// (`merkle.sqlite`, 0600; `:memory:` without a data dir) holding
//   merkle_node, merkle_head   the tree (src/integrity/sqlite-node-store.ts)
//   log_leaf                   leaf index -> event id, stream, revision (inclusion proofs by event id,
//                              and naming the event a leaf stood for when the store no longer has it)
//   log_chain                  each stream's chain head (revision, hash) as last checked
//   log_checkpoint             the checkpoints read back from the ledger-checkpoints stream, by tree size
//   log_state                  the $all position of the last event looked at (leaf or not)
// `commit` writes a batch of all of these in one transaction, so the file never holds leaves without
// the chain heads and position that go with them. One writer: the server's integrity monitor.
import Database from 'better-sqlite3';
import type { LogPosition } from '../../contracts/log-position.js';
import { openTreeFile, sqliteMerkleTree, type MerkleTree } from '../integrity/index.js';
import { preparePrivateSqliteFile } from '../files/private.js';

export interface LeafInfo {
  readonly index: number;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: bigint;
}

export interface ChainHead {
  readonly revision: bigint;
  readonly hash: string;
}

export interface LogBatch {
  readonly leaves: ReadonlyArray<{
    readonly hash: Buffer;
    readonly eventId: string;
    readonly stream: string;
    readonly revision: bigint;
  }>;
  /** The $all position of the last leaf in `leaves` (when there are any). */
  readonly lastLeafPosition: LogPosition | null;
  readonly heads: ReadonlyMap<string, ChainHead>;
  readonly checkpoints: ReadonlyArray<{ readonly treeSize: number; readonly note: string }>;
  /** The last event looked at. */
  readonly observed: LogPosition;
}

export interface LedgerLog {
  readonly tree: MerkleTree;
  /** The $all position of the last event looked at; null before the first. */
  observed(): LogPosition | null;
  head(stream: string): ChainHead | undefined;
  /** Every stream's chain head as last checked. */
  heads(): ReadonlyMap<string, ChainHead>;
  leaf(index: number): LeafInfo | undefined;
  /** The leaf index of an event, if it is a leaf. */
  leafOf(eventId: string): number | undefined;
  /** Leaves from `from` (inclusive) to `to` (exclusive). */
  leaves(from: number, to: number): LeafInfo[];
  checkpointNote(treeSize: number): string | undefined;
  latestCheckpoint(): { treeSize: number; note: string } | undefined;
  commit(batch: LogBatch): void;
  close(): void;
}

export const LOG_FILE = 'merkle.sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_leaf (idx INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS log_leaf_by_event ON log_leaf (event_id);
  CREATE TABLE IF NOT EXISTS log_chain (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS log_checkpoint (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS log_state (id INTEGER PRIMARY KEY CHECK (id = 1), commit_pos INTEGER NOT NULL, prepare_pos INTEGER NOT NULL);
`;

type LeafRow = { idx: number; event_id: string; stream: string; revision: bigint };
const toInfo = (row: LeafRow): LeafInfo => ({
  index: row.idx,
  eventId: row.event_id,
  stream: row.stream,
  revision: BigInt(row.revision),
});

/** Opens the log in `path` (created 0600), or in memory for `:memory:`. */
export function openLedgerLog(path: string): LedgerLog {
  let db: Database.Database;
  if (path === ':memory:') db = new Database(':memory:');
  else {
    preparePrivateSqliteFile(path);
    db = openTreeFile(path);
  }
  db.exec(SCHEMA);
  const tree = sqliteMerkleTree(db);
  const leafCount = db.prepare('SELECT coalesce(max(idx) + 1, 0) FROM log_leaf').pluck().get() as number;
  if (leafCount !== tree.size()) {
    // Written in one transaction with the tree: a difference means the file was edited. The tree is
    // derived data (ADR 0022): start it again from the store.
    db.close();
    throw new Error(
      `The Merkle log file ${path} holds ${tree.size()} leaves but names ${leafCount}; delete it to rebuild it from the store`,
    );
  }
  const state = db.prepare('SELECT commit_pos, prepare_pos FROM log_state WHERE id = 1').safeIntegers().get() as
    { commit_pos: bigint; prepare_pos: bigint } | undefined;
  let observed: LogPosition | null =
    state === undefined ? null : { commit: state.commit_pos, prepare: state.prepare_pos };
  const heads = new Map<string, ChainHead>();
  for (const row of db.prepare('SELECT stream, revision, hash FROM log_chain').safeIntegers().all() as Array<{
    stream: string;
    revision: bigint;
    hash: string;
  }>) {
    heads.set(row.stream, { revision: row.revision, hash: row.hash });
  }
  const selectLeaf = db
    .prepare('SELECT idx, event_id, stream, revision FROM log_leaf WHERE idx = ?')
    .safeIntegers(false);
  const selectLeaves = db.prepare(
    'SELECT idx, event_id, stream, revision FROM log_leaf WHERE idx >= ? AND idx < ? ORDER BY idx',
  );
  const selectByEvent = db.prepare('SELECT idx FROM log_leaf WHERE event_id = ? ORDER BY idx LIMIT 1').pluck();
  const insertLeaf = db.prepare('INSERT INTO log_leaf (idx, event_id, stream, revision) VALUES (?, ?, ?, ?)');
  const upsertHead = db.prepare(
    'INSERT INTO log_chain (stream, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash',
  );
  const insertCheckpoint = db.prepare('INSERT OR IGNORE INTO log_checkpoint (tree_size, note) VALUES (?, ?)');
  const selectCheckpoint = db.prepare('SELECT note FROM log_checkpoint WHERE tree_size = ?').pluck();
  const selectLatest = db.prepare(
    'SELECT tree_size AS treeSize, note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1',
  );
  const upsertState = db.prepare(
    'INSERT INTO log_state (id, commit_pos, prepare_pos) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos',
  );

  const write = db.transaction((batch: LogBatch) => {
    let index = tree.size();
    for (const leaf of batch.leaves) insertLeaf.run(index++, leaf.eventId, leaf.stream, leaf.revision);
    for (const [stream, head] of batch.heads) upsertHead.run(stream, head.revision, head.hash);
    for (const c of batch.checkpoints) insertCheckpoint.run(c.treeSize, c.note);
    upsertState.run(batch.observed.commit, batch.observed.prepare);
    // Last: the tree's own transaction nests as a savepoint and its in-memory size moves only if it took the batch.
    if (batch.leaves.length > 0)
      tree.append(
        batch.leaves.map((l) => l.hash),
        batch.lastLeafPosition,
      );
  });

  return {
    tree,
    observed: () => observed,
    head: (stream) => heads.get(stream),
    heads: () => heads,
    leaf(index) {
      const row = selectLeaf.get(index) as LeafRow | undefined;
      return row === undefined ? undefined : toInfo(row);
    },
    leafOf: (eventId) => selectByEvent.get(eventId) as number | undefined,
    leaves: (from, to) => (selectLeaves.all(from, to) as LeafRow[]).map(toInfo),
    checkpointNote: (treeSize) => selectCheckpoint.get(treeSize) as string | undefined,
    latestCheckpoint: () => selectLatest.get() as { treeSize: number; note: string } | undefined,
    commit(batch) {
      write(batch);
      for (const [stream, head] of batch.heads) heads.set(stream, head);
      observed = batch.observed;
    },
    close: () => db.close(),
  };
}
