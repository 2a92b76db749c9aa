// The ledger's Merkle log as the server keeps it (ADR 0022, ADR 0034): one SQLite file in DATA_DIR
// (`merkle.sqlite`, 0600; `:memory:` without a data dir) holding
//   merkle_tile, merkle_head   the tree, its node hashes 120 to a row (src/integrity/sqlite-node-store.ts)
//   log_leaf_chunk             leaf index -> event id, stream, revision, 64 leaves to a row (naming the event
//                              a leaf stood for when the store no longer has it; integrity-leaves.ts)
//   log_key_block, log_key_run event id -> leaf index, in sorted runs of blocks (integrity-leaf-keys.ts, ADR
//                              0047, ADR 0053): inclusion proofs by event id
//   log_chain                  each stream's chain head (revision, hash) as last checked
//   log_checkpoint             the checkpoints read back from the ledger-checkpoints stream, by tree size
//   log_state                  the $all position of the last event looked at (leaf or not)
// `commit` writes a batch of all of these in one transaction, so the file never holds leaves without
// the chain heads and position that go with them. One writer: the integrity checker (integrity-check.ts),
// in its worker thread (ADR 0044); the server's thread follows the file (followLedgerLog): it reads
// what the writer has committed, up to the size the writer last told it.
// A file of an earlier format (a row per node and per leaf: ADR 0022, 0047) is deleted when the log opens
// and the log is built again from the store, as after any loss of the file (ADR 0053): it is derived data.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { LogPosition } from '../../contracts/log-position.js';
import {
  openMerkleTree,
  openTreeFile,
  sqliteMerkleTree,
  NodeStoreError,
  type MerkleTree,
  type NodeStore,
} from '../integrity/index.js';
import { TREE_FORMAT, tileReader } from '../integrity/sqlite-node-store.js';
import { nodeCount } from '../integrity/tree-shape.js';
import { preparePrivateSqliteFile } from '../files/private.js';
import { leafKeyLookup, openLeafKeys } from './integrity-leaf-keys.js';
import { LEAF_SCHEMA, leafChunkReader, leafChunkWriter, type LeafChunks, type LeafInfo } from './integrity-leaves.js';

export type { LeafInfo } from './integrity-leaves.js';

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

const SCHEMA = `${LEAF_SCHEMA}
  CREATE TABLE IF NOT EXISTS log_chain (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS log_checkpoint (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS log_state (id INTEGER PRIMARY KEY CHECK (id = 1), commit_pos INTEGER NOT NULL, prepare_pos INTEGER NOT NULL);
`;

/** True when `db` holds a log of an earlier format (rows per node and per leaf) or a tree of another format. */
function earlierFormat(db: Database.Database): boolean {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((n) =>
      ['merkle_node', 'log_leaf', 'log_key', 'merkle_head'].includes(n),
    ),
  );
  if (tables.has('merkle_node') || tables.has('log_leaf') || tables.has('log_key')) return true;
  if (!tables.has('merkle_head')) return false;
  const format = db.prepare('SELECT format FROM merkle_head WHERE id = 1').pluck().get() as number | undefined;
  return format !== undefined && format !== TREE_FORMAT;
}

/**
 * Opens the log in `path` (created 0600), or in memory for `:memory:`. A file of an earlier format is deleted
 * first: the log starts empty and the checks build it again from the store (ADR 0053).
 */
export function openLedgerLog(path: string): LedgerLog {
  let db: Database.Database;
  if (path === ':memory:') db = new Database(':memory:');
  else {
    preparePrivateSqliteFile(path);
    db = openTreeFile(path);
    if (earlierFormat(db)) {
      db.close();
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      preparePrivateSqliteFile(path);
      db = openTreeFile(path);
    }
  }
  db.exec(SCHEMA);
  let current = sqliteMerkleTree(db);
  // One object for the log's lifetime (the sealer keeps it), over the tree as the file holds it: a batch
  // whose COMMIT fails (a full disk) rolls back after the tree has counted its leaves, so the tree is
  // opened again from the file then (sqlite-node-store.ts).
  const tree: MerkleTree = {
    size: () => current.size(),
    lastPosition: () => current.lastPosition(),
    append: (hashes, lastPosition) => current.append(hashes, lastPosition),
    leafHash: (index) => current.leafHash(index),
    root: (size) => current.root(size),
    inclusionProof: (index, size) => current.inclusionProof(index, size),
    consistencyProof: (size1, size2) => current.consistencyProof(size1, size2),
  };
  const chunks = leafChunkReader(db);
  const leafCount = chunks.count();
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
  const keys = openLeafKeys(db, leafCount, chunks);
  const read = readers(db, chunks);
  const addLeaves = leafChunkWriter(db);
  const upsertHead = db.prepare(
    'INSERT INTO log_chain (stream, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash',
  );
  const insertCheckpoint = db.prepare('INSERT OR IGNORE INTO log_checkpoint (tree_size, note) VALUES (?, ?)');
  const upsertState = db.prepare(
    'INSERT INTO log_state (id, commit_pos, prepare_pos) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos',
  );

  const write = db.transaction((batch: LogBatch) => {
    const first = tree.size();
    addLeaves(first, batch.leaves);
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
    tree,
    observed: () => observed,
    head: (stream) => heads.get(stream),
    heads: () => heads,
    ...read,
    commit(batch) {
      try {
        write(batch);
      } catch (error) {
        current = sqliteMerkleTree(db);
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
function readers(db: Database.Database, chunks: LeafChunks): LogReads {
  const leafOf = leafKeyLookup(db, chunks);
  const selectCheckpoint = db.prepare('SELECT note FROM log_checkpoint WHERE tree_size = ?').pluck();
  const selectLatest = db.prepare(
    'SELECT tree_size AS treeSize, note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1',
  );
  return {
    leaf: (index) => chunks.leaf(index),
    leafOf,
    leaves: (from, to) => chunks.leaves(from, to),
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
  const read = readers(db, leafChunkReader(db));
  const selectHead = db.prepare('SELECT revision, hash FROM log_chain WHERE stream = ?').safeIntegers();
  const selectHeads = db.prepare('SELECT stream, revision, hash FROM log_chain').safeIntegers();
  const selectState = db.prepare('SELECT commit_pos, prepare_pos FROM log_state WHERE id = 1').safeIntegers();
  const selectTree = db.prepare('SELECT nodes, commit_pos, prepare_pos FROM merkle_head WHERE id = 1').safeIntegers();
  const readNodes = tileReader(db);
  let count = 0;
  let last: LogPosition | null = null;
  const nodes: NodeStore = {
    count: () => count,
    read: (positions) => readNodes(positions, count),
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
  // The tree at the size last reported, opened (its edge nodes read) when first asked after a report:
  // the worker reports after every batch, most of which no proof or checkpoint asks about.
  let opened: MerkleTree | null = openMerkleTree(nodes);
  let size = opened.size();
  const current = (): MerkleTree => (opened ??= openMerkleTree(nodes));
  // One object for the log's lifetime (the sealer keeps it), over the tree at the size last reported.
  const tree: MerkleTree = {
    size: () => size,
    lastPosition: () => last,
    append() {
      throw new NodeStoreError('The Merkle log is written by its checker, not by a follower');
    },
    leafHash: (index) => current().leafHash(index),
    root: (at) => current().root(at),
    inclusionProof: (index, at) => current().inclusionProof(index, at),
    consistencyProof: (size1, size2) => current().consistencyProof(size1, size2),
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
      if (next.size === size) return;
      if (next.size < size) throw new NodeStoreError(`The Merkle log cannot shrink to ${next.size} leaves`);
      count = nodeCount(next.size);
      last = next.lastPosition;
      size = next.size;
      opened = null;
    },
    close: () => db.close(),
  };
}
