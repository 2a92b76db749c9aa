// The tree's nodes in SQLite (ADR 0022), in a database the caller opens: the read index file or a
// file of their own (openTreeFile). Two tables, prefixed so they can share a file:
//   merkle_node(pos INTEGER PRIMARY KEY, hash BLOB)  one row per node at its postorder position;
//       positions only grow, so every insert lands at the end of the rowid B-tree and a node is one
//       primary-key lookup
//   merkle_head(id = 1, format, nodes, commit_pos, prepare_pos)  node count and the last leaf's
//       $all position, updated in the same transaction as the rows
// append runs in a better-sqlite3 transaction, which nests as a savepoint: a caller that appends
// inside its own transaction (with the projector's checkpoint, say) commits both or neither; when
// that transaction rolls back, the file is right and this object is not: open the tree again.
// One writer per file: the count is kept in memory after opening.
import Database from 'better-sqlite3';
import type { LogPosition } from '../../contracts/log-position.js';
import { NodeStoreError, type NodeStore } from './node-store.js';
import { HASH_SIZE } from './hash.js';
import { rowInserter } from './sqlite-rows.js';

const FORMAT = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS merkle_node (pos INTEGER PRIMARY KEY, hash BLOB NOT NULL);
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

export function sqliteNodeStore(db: Database.Database): NodeStore {
  db.exec(SCHEMA);
  db.prepare('INSERT OR IGNORE INTO merkle_head (id, format, nodes) VALUES (1, ?, 0)').run(FORMAT);
  const head = db
    .prepare('SELECT format, nodes, commit_pos, prepare_pos FROM merkle_head WHERE id = 1')
    .safeIntegers()
    .get() as HeadRow;
  if (head.format !== BigInt(FORMAT)) throw new NodeStoreError(`Merkle tree format ${head.format} is not ${FORMAT}`);
  const rows = db.prepare('SELECT coalesce(max(pos) + 1, 0) FROM merkle_node').pluck().get() as number;
  let count = Number(head.nodes);
  if (rows !== count) throw new NodeStoreError(`The tree's head counts ${count} nodes but ${rows} are stored`);
  let last: LogPosition | null =
    head.commit_pos === null || head.prepare_pos === null
      ? null
      : { commit: head.commit_pos, prepare: head.prepare_pos };

  const select = db.prepare('SELECT hash FROM merkle_node WHERE pos = ?').pluck();
  const insert = rowInserter(db, 'merkle_node', ['pos', 'hash']);
  const updateHead = db.prepare('UPDATE merkle_head SET nodes = ?, commit_pos = ?, prepare_pos = ? WHERE id = 1');
  const appendAll = db.transaction((hashes: readonly Uint8Array[], position: LogPosition | null) => {
    const rows: unknown[] = new Array<unknown>(hashes.length * 2);
    hashes.forEach((h, i) => {
      rows[2 * i] = count + i;
      rows[2 * i + 1] = h;
    });
    insert(rows);
    updateHead.run(count + hashes.length, position?.commit ?? null, position?.prepare ?? null);
  });

  return {
    count: () => count,
    read(positions) {
      return positions.map((p) => {
        if (!Number.isSafeInteger(p) || p < 0 || p >= count) throw new RangeError(`No node at position ${p}`);
        const hash = select.get(p) as Buffer | undefined;
        if (hash?.length !== HASH_SIZE) throw new NodeStoreError(`Node ${p} is missing or not ${HASH_SIZE} bytes`);
        return hash;
      });
    },
    append(hashes, lastPosition) {
      appendAll(hashes, lastPosition);
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
