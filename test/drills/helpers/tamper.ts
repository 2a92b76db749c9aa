// Edits a stopped ledger's embedded store file (DATA_DIR/events.sqlite, src/embedded/storage) the way
// someone with the disk would: rows changed, deleted or moved with plain SQL, and, for the operator who
// also holds the signing key, a history rewritten with every chain link, the tree and the checkpoints
// made again under a new key. Nothing here goes through the ledger.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  CHECKPOINT_STREAM,
  checkpointEvent,
  isLeafEvent,
  leafRecordOf,
} from '../../../src/integrity/checkpoint-stream.js';
import { parseCheckpointText, signCheckpoint } from '../../../src/integrity/checkpoint.js';
import { eventLeafHash } from '../../../src/integrity/leaf.js';
import { generateSigningKey } from '../../../src/integrity/signing-key.js';
import { memoryMerkleTree } from '../../../src/integrity/tree.js';
import { chainMetadata } from '../../../src/store/chain.js';

export interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface StoreFile {
  /** Every event row in $all order (system streams included). */
  rows(): Row[];
  /** Ledger events that are leaves of the tree, in $all order. */
  leaves(): Row[];
  setData(row: Row, data: Record<string, unknown>): void;
  setMetadata(row: Row, metadata: Record<string, unknown>): void;
  remove(rows: readonly Row[]): void;
  /** Exchanges the log positions of two events (their places in $all). */
  swap(a: Row, b: Row): void;
  close(): void;
}

const json = (bytes: Buffer): Record<string, unknown> => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

export function openStoreFile(dataDir: string): StoreFile {
  const db = new Database(path.join(dataDir, 'events.sqlite'));
  const rows = (): Row[] =>
    (
      db
        .prepare('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position')
        .all() as Array<Omit<Row, 'data' | 'metadata'> & { data: Buffer; metadata: Buffer }>
    ).map((r) => ({
      ...r,
      data: r.stream.startsWith('$') ? {} : json(r.data),
      metadata: r.stream.startsWith('$') || r.metadata.length === 0 ? {} : json(r.metadata),
    }));
  return {
    rows,
    leaves: () => rows().filter((r) => isLeafEvent({ streamName: r.stream, type: r.type })),
    setData: (row, data) =>
      void db.prepare('UPDATE events SET data = ? WHERE position = ?').run(bytes(data), row.position),
    setMetadata: (row, metadata) =>
      void db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(bytes(metadata), row.position),
    remove(list) {
      const del = db.prepare('DELETE FROM events WHERE position = ?');
      db.transaction(() => list.forEach((r) => del.run(r.position)))();
    },
    swap(a, b) {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, a.position);
        move.run(a.position, b.position);
        move.run(b.position, -1);
      })();
    },
    close: () => db.close(),
  };
}

/**
 * The operator's rewrite: `edit` changes one event's data; every later link of its stream is chained
 * again, the tree rebuilt, each checkpoint signed again with a new key (same origin, sizes and times),
 * the ledger-checkpoints stream chained again, and the key file replaced with the new key.
 */
export function rewriteHistory(
  dataDir: string,
  keyFile: string,
  target: (leaves: Row[]) => Row,
  edit: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const file = openStoreFile(dataDir);
  try {
    const changed = target(file.leaves());
    let prev: string | null = null;
    for (const row of file.rows().filter((r) => r.stream === changed.stream)) {
      const data = row.position === changed.position ? edit(row.data) : row.data;
      const { hash: _hash, prev: _prev, ...rest } = row.metadata;
      const metadata = chainMetadata(prev, row.type, data, rest);
      prev = String(metadata['hash']);
      file.setData(row, data);
      file.setMetadata(row, metadata);
    }
    const tree = memoryMerkleTree();
    const positions: number[] = [];
    for (const row of file.leaves()) {
      tree.append([
        eventLeafHash(
          leafRecordOf({
            streamName: row.stream,
            revision: row.revision,
            id: row.id,
            type: row.type,
            data: row.data,
            metadata: row.metadata,
          }),
        ),
      ]);
      positions.push(row.position);
    }
    let checkpointPrev: string | null = null;
    let key: ReturnType<typeof generateSigningKey> | null = null;
    for (const row of file.rows().filter((r) => r.stream === CHECKPOINT_STREAM)) {
      const note = String(row.data['note']);
      const old = parseCheckpointText(note.slice(0, note.lastIndexOf('\n\n') + 1));
      if (!old.ok) throw new Error(`checkpoint ${row.revision} does not read: ${old.reason}`);
      key ??= generateSigningKey(old.checkpoint.origin);
      const size = old.checkpoint.treeSize;
      const last = positions[size - 1] ?? 0;
      const resigned = signCheckpoint(
        { ...old.checkpoint, rootHash: tree.root(size), lastPosition: { commit: BigInt(last), prepare: BigInt(last) } },
        key.key,
      );
      const event = checkpointEvent(old.checkpoint.origin, size, resigned);
      const { hash: _hash, prev: _prev, ...rest } = row.metadata;
      const metadata = chainMetadata(checkpointPrev, row.type, event.data, rest);
      checkpointPrev = String(metadata['hash']);
      file.setData(row, event.data);
      file.setMetadata(row, metadata);
    }
    if (key === null) throw new Error('the ledger has no checkpoint to sign again');
    writeFileSync(keyFile, key.text, { mode: 0o600 });
  } finally {
    file.close();
  }
}
