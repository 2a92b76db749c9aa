// The store sweep (ADR 0034, ADR 0076): reads the whole store and compares it with the Merkle log, so an event
// edited, deleted, moved or missing is caught even when the projector had indexed it before the store was edited.
// The server runs it after the projector has caught up, in a worker thread of its own when the log is a file and the
// store has an address (sweep-in-worker.ts); the audit replay runs it too.
import type { StoredEvent, LedgerStore } from '../store/adapter.js';
import { committedForm, hashOf } from '../store/chain.js';
import { UncommittableError } from '../store/commitment.js';
import {
  CHECKPOINT_STREAM,
  eventLeafHash,
  isCheckpointEvent,
  isLeafEvent,
  memoryMerkleTree,
  readCheckpointEvent,
  type NoteVerifier,
} from '../integrity/index.js';
import type { ChainHead, LedgerLog } from './integrity-log.js';
import type { IntegrityBreak } from './integrity-check.js';

export interface StoreVerification {
  readonly ok: boolean;
  /** Every stream found broken, with its first break. */
  readonly breaks: IntegrityBreak[];
  readonly events: number;
  readonly leaves: number;
  /** Leaves the log held when the sweep began. */
  readonly logSize: number;
  /** Root recomputed from the store's events at the log's size (hex), and whether it is the log's. */
  readonly root: string;
  readonly rootMatches: boolean;
  /** The latest stored checkpoint, and whether the store's events give its root. */
  readonly checkpoint: { readonly treeSize: number; readonly matches: boolean } | null;
}

export interface SweepInput {
  readonly store: Pick<LedgerStore, 'readAll'>;
  /** The log as the sweeping thread reads it. */
  readonly log: Pick<LedgerLog, 'tree' | 'heads' | 'leaf' | 'leaves' | 'latestCheckpoint'>;
  readonly verifiers: readonly NoteVerifier[];
  readonly origin: string;
  /** True once the server stops: the sweep ends early. */
  readonly stopped: () => boolean;
}

const at = (e: { revision: bigint }): string => e.revision.toString();

const leafHashOf = (stored: StoredEvent, committed: unknown): Buffer =>
  eventLeafHash({
    stream: stored.streamName,
    revision: stored.revision,
    eventId: stored.id,
    type: stored.type,
    data: committed,
    metadata: stored.metadata,
  });

export async function sweepStore(input: SweepInput): Promise<StoreVerification> {
  const { store, log, verifiers, origin, stopped } = input;
  const logSize = log.tree.size();
  // What the log had checked when the sweep began: later events may or may not be in this read.
  const headsAtStart = new Map(log.heads());
  const found: IntegrityBreak[] = [];
  const seen = new Set<string>();
  const add = (b: Omit<IntegrityBreak, 'foundBy'>): void => {
    if (seen.has(b.stream)) return;
    seen.add(b.stream);
    found.push({ ...b, foundBy: 'store sweep' });
  };
  const chain = new Map<string, ChainHead>();
  const rebuilt = memoryMerkleTree();
  let events = 0;
  let leafCount = 0;
  let inOrder = true;
  const expectedAt = (index: number) => log.leaf(index);
  for await (const stored of store.readAll()) {
    if (stopped()) break;
    events += 1;
    const head = chain.get(stored.streamName);
    const expected = head === undefined ? 0n : head.revision + 1n;
    let reason: string | null = null;
    let committed: unknown = stored.data;
    const hash = stored.metadata['hash'];
    if (stored.revision !== expected)
      reason = `revision ${at(stored)} follows ${expected - 1n}: event(s) missing before it`;
    else if (typeof hash !== 'string') reason = 'no hash in metadata';
    else if ((stored.metadata['prev'] ?? null) !== (head?.hash ?? null))
      reason = `prev is ${String(stored.metadata['prev'] ?? null)}, expected ${String(head?.hash ?? null)}`;
    else {
      try {
        const form = committedForm({ type: stored.type, data: stored.data, metadata: stored.metadata });
        committed = form.data;
        if (hashOf(form) !== hash) reason = 'hash does not match the content';
      } catch (error) {
        if (!(error instanceof UncommittableError)) throw error;
        reason = error.message;
      }
    }
    if (reason !== null) add({ stream: stored.streamName, revision: at(stored), eventId: stored.id, reason });
    chain.set(stored.streamName, { revision: stored.revision, hash: typeof hash === 'string' ? hash : '' });
    if (isCheckpointEvent(stored)) {
      const read = readCheckpointEvent(stored, verifiers, origin);
      if (!read.ok)
        add({
          stream: stored.streamName,
          revision: at(stored),
          eventId: stored.id,
          reason: `the checkpoint does not open with the ledger's key: ${read.reason}`,
        });
      continue;
    }
    if (!isLeafEvent(stored)) continue;
    let leaf: Buffer;
    try {
      leaf = reason === null ? leafHashOf(stored, committed) : leafHashOf(stored, stored.data);
    } catch {
      leaf = Buffer.alloc(32);
    }
    rebuilt.append([leaf]);
    const index = leafCount;
    leafCount += 1;
    if (!inOrder || index >= logSize) continue;
    if (!log.tree.leafHash(index).equals(leaf)) {
      const was = expectedAt(index);
      if (was !== undefined && was.eventId !== stored.id) {
        // Another event stands where the log has this one: deleted, moved or reordered. Later leaves
        // all shift, so only chains are compared from here on.
        inOrder = false;
        add({
          stream: was.stream,
          revision: was.revision.toString(),
          eventId: was.eventId,
          reason: `leaf ${index} of the Merkle log is this event, but the store has ${stored.streamName}@${at(stored)} there: deleted or moved`,
        });
        add({
          stream: stored.streamName,
          revision: at(stored),
          eventId: stored.id,
          reason: `the store has this event where leaf ${index} of the Merkle log is ${was.stream}@${was.revision}: moved`,
        });
      } else {
        add({
          stream: stored.streamName,
          revision: at(stored),
          eventId: stored.id,
          reason: `the event is not the one leaf ${index} of the Merkle log holds: edited after it was recorded`,
        });
      }
    }
  }
  if (leafCount < logSize) {
    // The store ends before the log: its last events are gone.
    for (const was of log.leaves(leafCount, logSize)) {
      add({
        stream: was.stream,
        revision: was.revision.toString(),
        eventId: was.eventId,
        reason: `the store ends after ${leafCount} ledger events, the Merkle log holds ${logSize}: this event is missing`,
      });
    }
  }
  // A stream whose last events are gone keeps its chain intact: the log remembers how far each went.
  for (const [stream, head] of headsAtStart) {
    const reached = chain.get(stream);
    if (reached === undefined || reached.revision < head.revision) {
      add({
        stream,
        revision: head.revision.toString(),
        eventId: null,
        reason: `the store's stream ends at ${reached === undefined ? 'nothing' : `revision ${reached.revision}`}, the Merkle log checked it up to revision ${head.revision}: events are missing`,
      });
    }
  }
  const size = Math.min(logSize, leafCount);
  const root = rebuilt.root(size);
  const rootMatches = leafCount >= logSize && root.equals(log.tree.root(logSize));
  let checkpoint: StoreVerification['checkpoint'] = null;
  const latestNote = log.latestCheckpoint();
  if (latestNote !== undefined) {
    const read = readCheckpointEvent({ type: 'CheckpointSigned', data: { note: latestNote.note } }, verifiers, origin);
    const matches =
      read.ok &&
      read.checkpoint.treeSize <= leafCount &&
      rebuilt.root(read.checkpoint.treeSize).equals(read.checkpoint.rootHash);
    checkpoint = { treeSize: latestNote.treeSize, matches };
    if (!matches && found.length === 0)
      add({
        stream: CHECKPOINT_STREAM,
        revision: '-1',
        eventId: null,
        reason: `the store's events do not give the root of the checkpoint of ${latestNote.treeSize} leaves`,
      });
  }
  if (!rootMatches && found.length === 0)
    add({
      stream: CHECKPOINT_STREAM,
      revision: '-1',
      eventId: null,
      reason: `the store's events do not give the Merkle log's root at ${logSize} leaves`,
    });
  return {
    ok: found.length === 0,
    breaks: found,
    events,
    leaves: leafCount,
    logSize,
    root: root.toString('hex'),
    rootMatches,
    checkpoint,
  };
}
