// The tree's nodes in SQLite (ADR 0022, ADR 0053), in a database the caller opens (openTreeFile). Two
// tables, prefixed so they can share a file:
//   merkle_tile(tile INTEGER PRIMARY KEY, hashes BLOB)  the node hashes in postorder (tree-shape.ts),
//       TILE_NODES to a row: tile t holds positions t·TILE_NODES onwards, 32 bytes each. Positions only
//       grow, so a tile fills up and is never written again; only the last one, still partial, is
//       rewritten by the next append. A node is one primary-key lookup and a slice; an append writes a
//       row per TILE_NODES nodes, not a row per node (the format of ADR 0022 had a row per node: most
//       of the file's cost per leaf was SQLite's per-row work)
//   merkle_head(id = 1, format, nodes, commit_pos, prepare_pos)  node count and the last leaf's
//       $all position, updated in the same transaction as the tiles
// append runs in a better-sqlite3 transaction, which nests as a savepoint: a caller that appends
// inside its own transaction commits both or neither; when that transaction rolls back, the file is
// right and this object is not: open the tree again.
// One writer per file: the count and the last tile are kept in memory after opening.
import Database from 'better-sqlite3';
import type { LogPosition } from '../../contracts/log-position.js';
import { NodeStoreError, type NodeStore } from './node-store.js';
import { HASH_SIZE } from './hash.js';

/** The file's format: 1 was a row per node (ADR 0022), 2 tiles of TILE_NODES hashes (ADR 0053). */
export const TREE_FORMAT = 2;

/** Node hashes in one tile: 3,840 bytes, one to a 4 KB SQLite page (two of 2 KB would not fit one). */
export const TILE_NODES = 120;

const TILE_BYTES = TILE_NODES * HASH_SIZE;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS merkle_tile (tile INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS merkle_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    format INTEGER NOT NULL,
    nodes INTEGER NOT NULL,
    commit_pos INTEGER,
    prepare_pos INTEGER
  );
`;

interface HeadRow {
  format: bigint;
  nodes: bigint;
  commit_pos: bigint | null;
  prepare_pos: bigint | null;
}

/**
 * Reads node hashes from the tiles of `db`: `read(positions, count)` answers each, in order, for a tree of
 * `count` nodes. The writer's store and a follower of the file (src/read/integrity-log.ts) read through it.
 * Each node is cut from its tile by SQLite (substr): only its 32 bytes reach JavaScript, not the tile's
 * (a proof touches a dozen tiles; copying each whole made garbage enough to show in the proofs' p99).
 */
export function tileReader(db: Database.Database): (positions: readonly number[], count: number) => Buffer[] {
  const select = db.prepare('SELECT substr(hashes, ?, ?) FROM merkle_tile WHERE tile = ?').pluck();
  return (positions, count) =>
    positions.map((p) => {
      if (!Number.isSafeInteger(p) || p < 0 || p >= count) throw new RangeError(`No node at position ${p}`);
      const t = Math.floor(p / TILE_NODES);
      const hash = select.get((p - t * TILE_NODES) * HASH_SIZE + 1, HASH_SIZE, t);
      if (!Buffer.isBuffer(hash) || hash.length !== HASH_SIZE)
        throw new NodeStoreError(`Node ${p} is missing or not ${HASH_SIZE} bytes`);
      return hash;
    });
}

export function sqliteNodeStore(db: Database.Database): NodeStore {
  db.exec(SCHEMA);
  db.prepare('INSERT OR IGNORE INTO merkle_head (id, format, nodes) VALUES (1, ?, 0)').run(TREE_FORMAT);
  const head = db
    .prepare('SELECT format, nodes, commit_pos, prepare_pos FROM merkle_head WHERE id = 1')
    .safeIntegers()
    .get() as HeadRow;
  if (head.format !== BigInt(TREE_FORMAT))
    throw new NodeStoreError(`Merkle tree format ${head.format} is not ${TREE_FORMAT}`);
  let count = Number(head.nodes);
  const tileCount = Math.ceil(count / TILE_NODES);
  const stored = db.prepare('SELECT count(*) AS n, coalesce(max(tile) + 1, 0) AS end FROM merkle_tile').get() as {
    n: number;
    end: number;
  };
  if (stored.n !== tileCount || stored.end !== tileCount)
    throw new NodeStoreError(`The tree's head counts ${count} nodes but ${stored.n} tiles of them are stored`);
  const select = db.prepare('SELECT hashes FROM merkle_tile WHERE tile = ?').pluck();
  /** The nodes of the last tile when it is partial (positions from the start of that tile to count). */
  let tail: Buffer = Buffer.alloc(0);
  if (count % TILE_NODES !== 0) {
    const last = select.get(tileCount - 1);
    const bytes = (count % TILE_NODES) * HASH_SIZE;
    if (!Buffer.isBuffer(last) || last.length !== bytes)
      throw new NodeStoreError(`The tree's last tile does not hold the ${count % TILE_NODES} nodes its head counts`);
    tail = Buffer.from(last);
  }
  let last: LogPosition | null =
    head.commit_pos === null || head.prepare_pos === null
      ? null
      : { commit: head.commit_pos, prepare: head.prepare_pos };

  const read = tileReader(db);
  const upsertTile = db.prepare('INSERT OR REPLACE INTO merkle_tile (tile, hashes) VALUES (?, ?)');
  const updateHead = db.prepare('UPDATE merkle_head SET nodes = ?, commit_pos = ?, prepare_pos = ? WHERE id = 1');
  /** Writes the tiles from the one `count` is in, with `hashes` after the tail; answers the new tail. */
  const appendAll = db.transaction((hashes: readonly Uint8Array[], position: LogPosition | null): Buffer => {
    const bytes = Buffer.allocUnsafe(tail.length + hashes.length * HASH_SIZE);
    tail.copy(bytes, 0);
    hashes.forEach((h, i) => {
      if (h.length !== HASH_SIZE) throw new NodeStoreError(`A node hash has ${h.length} bytes, not ${HASH_SIZE}`);
      bytes.set(h, tail.length + i * HASH_SIZE);
    });
    const first = Math.floor(count / TILE_NODES);
    let at = 0;
    for (let t = first; at < bytes.length; t += 1, at += TILE_BYTES)
      upsertTile.run(t, bytes.subarray(at, Math.min(bytes.length, at + TILE_BYTES)));
    updateHead.run(count + hashes.length, position?.commit ?? null, position?.prepare ?? null);
    const kept = ((count + hashes.length) % TILE_NODES) * HASH_SIZE;
    return Buffer.from(bytes.subarray(bytes.length - kept));
  });

  return {
    count: () => count,
    read: (positions) => read(positions, count),
    append(hashes, lastPosition) {
      if (hashes.length === 0) return;
      tail = appendAll(hashes, lastPosition);
      count += hashes.length;
      last = lastPosition;
    },
    lastPosition: () => last,
  };
}

/** Opens (creating) a file of its own for the tree: WAL, synchronous=NORMAL, like the read index. */
export function openTreeFile(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
