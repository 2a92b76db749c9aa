// The ledger's Merkle log as the server keeps it (ADR 0022, ADR 0034): one SQLite file in DATA_DIR
// (`merkle.sqlite`, 0600; `:memory:` without a data dir) holding
//   merkle_node, merkle_head   the tree (src/integrity/sqlite-node-store.ts)
//   log_leaf                   leaf index -> event id, stream, revision (naming the event a leaf stood
//                              for when the store no longer has it)
//   log_key, log_key_run       event id -> leaf index, in sorted runs (integrity-leaf-keys.ts, ADR 0047):
//                              inclusion proofs by event id
//   log_chain                  each stream's chain head (revision, hash) as last checked
//   log_checkpoint             the checkpoints read back from the ledger-checkpoints stream, by tree size
//   log_state                  the $all position of the last event looked at (leaf or not)
// `commit` writes a batch of all of these in one transaction, so the file never holds leaves without
// the chain heads and position that go with them. One writer: the integrity checker (integrity-check.ts),
// in its worker thread (ADR 0044); the server's thread follows the file (followLedgerLog): it reads
// what the writer has committed, up to the size the writer last told it.
import Database from 'better-sqlite3';
import type { LogPosition } from '../../contracts/log-position.js';
import {
  openMerkleTree,
  openTreeFile,
  sqliteMerkleTree,
  HASH_SIZE,
  NodeStoreError,
  type MerkleTree,
  type NodeStore,
} from '../integrity/index.js';
import { nodeCount } from '../integrity/tree-shape.js';
import { preparePrivateSqliteFile } from '../files/private.js';
import { leafKeyLookup, openLeafKeys } from './integrity-leaf-keys.js';
import { rowInserter } from '../integrity/sqlite-rows.js';

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
  let tree = sqliteMerkleTree(db);
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
  const keys = openLeafKeys(db, leafCount);
  const read = readers(db);
  const insertLeaves = rowInserter(db, 'log_leaf', ['idx', 'event_id', 'stream', 'revision']);
  const upsertHead = db.prepare(
    'INSERT INTO log_chain (stream, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash',
  );
  const insertCheckpoint = db.prepare('INSERT OR IGNORE INTO log_checkpoint (tree_size, note) VALUES (?, ?)');
  const upsertState = db.prepare(
    'INSERT INTO log_state (id, commit_pos, prepare_pos) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos',
  );

  const write = db.transaction((batch: LogBatch) => {
    const first = tree.size();
    const rows: unknown[] = new Array<unknown>(batch.leaves.length * 4);
    batch.leaves.forEach((leaf, i) => {
      rows[4 * i] = first + i;
      rows[4 * i + 1] = leaf.eventId;
      rows[4 * i + 2] = leaf.stream;
      rows[4 * i + 3] = leaf.revision;
    });
    insertLeaves(rows);
    keys.add(
      first,
      batch.leaves.map((l) => l.eventId),
    );
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
    get tree() {
      return tree;
    },
    observed: () => observed,
    head: (stream) => heads.get(stream),
    heads: () => heads,
    ...read,
    commit(batch) {
      try {
        write(batch);
      } catch (error) {
        // The file is as it was, but a transaction that failed at its COMMIT (a full disk) did so after the
        // tree took the batch in memory: the tree is read again from the file, or the size reported next
        // would name nodes the file does not hold.
        tree = sqliteMerkleTree(db);
        throw error;
      }
      for (const [stream, head] of batch.heads) heads.set(stream, head);
      observed = batch.observed;
    },
    close: () => db.close(),
  };
}

type LogReads = Pick<LedgerLog, 'leaf' | 'leafOf' | 'leaves' | 'checkpointNote' | 'latestCheckpoint'>;

/** What both the writer and a follower read from the file. */
function readers(db: Database.Database): LogReads {
  const selectLeaf = db
    .prepare('SELECT idx, event_id, stream, revision FROM log_leaf WHERE idx = ?')
    .safeIntegers(false);
  const selectLeaves = db.prepare(
    'SELECT idx, event_id, stream, revision FROM log_leaf WHERE idx >= ? AND idx < ? ORDER BY idx',
  );
  const leafOf = leafKeyLookup(db);
  const selectCheckpoint = db.prepare('SELECT note FROM log_checkpoint WHERE tree_size = ?').pluck();
  const selectLatest = db.prepare(
    'SELECT tree_size AS treeSize, note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1',
  );
  return {
    leaf(index) {
      const row = selectLeaf.get(index) as LeafRow | undefined;
      return row === undefined ? undefined : toInfo(row);
    },
    leafOf,
    leaves: (from, to) => (selectLeaves.all(from, to) as LeafRow[]).map(toInfo),
    checkpointNote: (treeSize) => selectCheckpoint.get(treeSize) as string | undefined,
    latestCheckpoint: () => selectLatest.get() as { treeSize: number; note: string } | undefined,
  };
}

/** How far the writer has committed the log, as it tells its followers after each batch. */
export interface LogState {
  readonly size: number;
  /** The $all position of the last leaf (null: none, or not given). */
  readonly lastPosition: LogPosition | null;
  /** The last event looked at. */
  readonly observed: LogPosition | null;
}

export function logStateOf(log: LedgerLog): LogState {
  return { size: log.tree.size(), lastPosition: log.tree.lastPosition(), observed: log.observed() };
}

/** The log as a reader of a file another thread writes: it shows what the writer has said it committed. */
export interface FollowedLog extends LedgerLog {
  /** The writer has committed up to `state` (sizes only grow). */
  advance(state: LogState): void;
}

/**
 * Follows the log file at `path`, which openLedgerLog has created (the writer opens it too). Its tree
 * answers for the size last given to advance() (at first, the file's own), never for rows a writer has
 * not yet reported; `commit` is the writer's.
 */
export function followLedgerLog(path: string): FollowedLog {
  const db = openTreeFile(path);
  const read = readers(db);
  const selectHead = db.prepare('SELECT revision, hash FROM log_chain WHERE stream = ?').safeIntegers();
  const selectHeads = db.prepare('SELECT stream, revision, hash FROM log_chain').safeIntegers();
  const selectState = db.prepare('SELECT commit_pos, prepare_pos FROM log_state WHERE id = 1').safeIntegers();
  const selectTree = db.prepare('SELECT nodes, commit_pos, prepare_pos FROM merkle_head WHERE id = 1').safeIntegers();
  const selectNode = db.prepare('SELECT hash FROM merkle_node WHERE pos = ?').pluck();
  let count = 0;
  let last: LogPosition | null = null;
  const nodes: NodeStore = {
    count: () => count,
    read: (positions) =>
      positions.map((p) => {
        if (!Number.isSafeInteger(p) || p < 0 || p >= count) throw new RangeError(`No node at position ${p}`);
        const hash = selectNode.get(p) as Buffer | undefined;
        if (hash?.length !== HASH_SIZE) throw new NodeStoreError(`Node ${p} is missing or not ${HASH_SIZE} bytes`);
        return hash;
      }),
    append() {
      throw new NodeStoreError('The Merkle log is written by its checker, not by a follower');
    },
    lastPosition: () => last,
  };
  const head = selectTree.get() as { nodes: bigint; commit_pos: bigint | null; prepare_pos: bigint | null } | undefined;
  count = Number(head?.nodes ?? 0n);
  last =
    head?.commit_pos == null || head.prepare_pos == null
      ? null
      : { commit: head.commit_pos, prepare: head.prepare_pos };
  const state = selectState.get() as { commit_pos: bigint; prepare_pos: bigint } | undefined;
  let observed: LogPosition | null =
    state === undefined ? null : { commit: state.commit_pos, prepare: state.prepare_pos };
  let current = openMerkleTree(nodes);
  // One object for the log's lifetime (the sealer keeps it), over the tree at the size last reported.
  const tree: MerkleTree = {
    size: () => current.size(),
    lastPosition: () => last,
    append() {
      throw new NodeStoreError('The Merkle log is written by its checker, not by a follower');
    },
    leafHash: (index) => current.leafHash(index),
    root: (size) => current.root(size),
    inclusionProof: (index, size) => current.inclusionProof(index, size),
    consistencyProof: (size1, size2) => current.consistencyProof(size1, size2),
  };
  return {
    tree,
    observed: () => observed,
    head(stream) {
      const row = selectHead.get(stream) as { revision: bigint; hash: string } | undefined;
      return row === undefined ? undefined : { revision: row.revision, hash: row.hash };
    },
    heads() {
      const all = new Map<string, ChainHead>();
      for (const row of selectHeads.all() as Array<{ stream: string; revision: bigint; hash: string }>)
        all.set(row.stream, { revision: row.revision, hash: row.hash });
      return all;
    },
    ...read,
    commit() {
      throw new NodeStoreError('The Merkle log is written by its checker, not by a follower');
    },
    advance(next) {
      observed = next.observed;
      if (next.size === current.size()) return;
      if (next.size < current.size()) throw new NodeStoreError(`The Merkle log cannot shrink to ${next.size} leaves`);
      count = nodeCount(next.size);
      last = next.lastPosition;
      current = openMerkleTree(nodes);
    },
    close: () => db.close(),
  };
}
