// The integrity monitor's per-event checks (ADR 0034, ADR 0044), in one place for whichever thread
// runs them: each event after the log's position, in $all order, must be its stream's next revision
// with a valid link (`prev` the last checked `hash`, `hash` the hash of its committed form); a ledger
// event then becomes the next leaf of the Merkle log; a checkpoint event must open with the ledger's
// key and match the tree at its size. The first failure freezes the log: nothing more is checked,
// no more leaves. Each call to look() commits its batch to the log file in one transaction and says
// what broke and how far the log now is.
// It runs in the integrity worker (integrity-worker.ts) beside the projector, or, for a log held in
// memory, in the caller's thread (integrity-thread.ts).
import { compareLog, type LogPosition } from '../../contracts/log-position.js';
import { eventHashes } from '../integrity/event-digests.js';
import {
  isCheckpointEvent,
  isLeafEvent,
  readCheckpointEvent,
  treeHolds,
  type NoteVerifier,
} from '../integrity/index.js';
import type { StoredEvent } from '../store/adapter.js';
import { UncommittableError } from '../store/commitment.js';
import { logStateOf, type ChainHead, type LedgerLog, type LogState } from './integrity-log.js';

export interface IntegrityBreak {
  readonly stream: string;
  /** Revision of the event that broke (decimal), or of the missing one. */
  readonly revision: string;
  readonly eventId: string | null;
  readonly reason: string;
  /** Which check found it. */
  readonly foundBy: 'projector' | 'store sweep' | 'stream read';
}

/** What the checker needs of an event (what the projector reads, without its record time). */
export type CheckedEvent = Pick<
  StoredEvent,
  'id' | 'type' | 'streamName' | 'revision' | 'position' | 'data' | 'metadata'
>;

export interface LookResult {
  /** Breaks found in this batch (at most one: the first freezes the log). */
  readonly breaks: IntegrityBreak[];
  /** The log as committed after the batch. */
  readonly state: LogState;
}

export interface ChainChecker {
  /** Checks the events (in $all order, after earlier batches) and commits them to the log file. */
  look(events: readonly CheckedEvent[]): LookResult;
  /** Checks the events without committing them: several batches, then one commit(). */
  check(events: readonly CheckedEvent[]): void;
  /** Commits what was checked since the last commit, in one transaction; what broke meanwhile. */
  commit(): LookResult;
  /** A break was found elsewhere (a stream read, the sweep): check nothing more. */
  freeze(): void;
  state(): LogState;
  close(): void;
}

export interface ChainCheckerOptions {
  readonly log: LedgerLog;
  readonly verifiers: readonly NoteVerifier[];
  readonly origin: string;
  /** The log file could not be written; the batch is kept and written with the next one. */
  onWriteError(error: unknown): void;
}

const at = (e: { revision: bigint }): string => e.revision.toString();

export function createChainChecker(options: ChainCheckerOptions): ChainChecker {
  const { log, verifiers, origin } = options;
  let frozen = false;
  let found: IntegrityBreak[] = [];

  // The batch not yet committed to the log file.
  let leaves: Array<{ hash: Buffer; eventId: string; stream: string; revision: bigint }> = [];
  let lastLeafPosition: LogPosition | null = null;
  let heads = new Map<string, ChainHead>();
  let checkpoints: Array<{ treeSize: number; note: string }> = [];
  let observed: LogPosition | null = log.observed();
  let committedAt: LogPosition | null = observed;

  const report = (b: Omit<IntegrityBreak, 'foundBy'>): null => {
    found.push({ ...b, foundBy: 'projector' });
    frozen = true;
    return null;
  };

  const headOf = (stream: string): ChainHead | undefined => heads.get(stream) ?? log.head(stream);

  /** Checks a stored event's link and returns its hash and leaf, or reports the break and returns null. */
  const checkChain = (stored: CheckedEvent, head: ChainHead | undefined): { hash: string; leaf: Buffer } | null => {
    const fail = (reason: string) =>
      report({ stream: stored.streamName, revision: at(stored), eventId: stored.id, reason });
    const expected = head === undefined ? 0n : head.revision + 1n;
    if (stored.revision !== expected) {
      return fail(
        stored.revision > expected
          ? `revision ${at(stored)} follows ${expected - 1n}: ${stored.revision - expected} event(s) missing before it`
          : `revision ${at(stored)} appears again after ${expected - 1n}`,
      );
    }
    const hash = stored.metadata['hash'];
    if (typeof hash !== 'string') return fail('no hash in metadata');
    const prev = stored.metadata['prev'] ?? null;
    if (prev !== (head?.hash ?? null)) return fail(`prev is ${String(prev)}, expected ${String(head?.hash ?? null)}`);
    let hashes;
    try {
      hashes = eventHashes(stored);
    } catch (error) {
      if (error instanceof UncommittableError) return fail(error.message);
      throw error;
    }
    if (hashes.chain !== hash) return fail('hash does not match the content');
    return { hash, leaf: hashes.leaf };
  };

  /** Writes the pending batch; false when the file cannot be written (the batch is kept). */
  const commit = (): boolean => {
    if (observed === null || (committedAt !== null && compareLog(observed, committedAt) <= 0 && leaves.length === 0))
      return true;
    try {
      log.commit({ leaves, lastLeafPosition, heads, checkpoints, observed });
    } catch (error) {
      options.onWriteError(error);
      return false;
    }
    committedAt = observed;
    leaves = [];
    lastLeafPosition = null;
    heads = new Map();
    checkpoints = [];
    return true;
  };

  const lookAtCheckpoint = (stored: CheckedEvent): void => {
    const link = checkChain(stored, headOf(stored.streamName));
    if (link === null) return;
    heads.set(stored.streamName, { revision: stored.revision, hash: link.hash });
    const read = readCheckpointEvent(stored, verifiers, origin);
    if (!read.ok) {
      report({
        stream: stored.streamName,
        revision: at(stored),
        eventId: stored.id,
        reason: `the checkpoint does not open with the ledger's key: ${read.reason}`,
      });
      return;
    }
    // The tree must hold every leaf before it; a log file that cannot be written leaves it short, and the
    // checkpoint is then compared with what the tree holds (a larger checkpoint fails: reported).
    commit();
    const held = treeHolds(log.tree, read.checkpoint);
    if (!held.ok) {
      report({
        stream: stored.streamName,
        revision: at(stored),
        eventId: stored.id,
        reason: `the checkpoint of ${read.checkpoint.treeSize} leaves is not this log's: ${held.reason}`,
      });
      return;
    }
    checkpoints.push({ treeSize: read.checkpoint.treeSize, note: read.note ?? '' });
  };

  const lookAt = (stored: CheckedEvent): void => {
    if (observed !== null && compareLog(stored.position, observed) <= 0) return;
    if (frozen) return;
    if (isCheckpointEvent(stored)) lookAtCheckpoint(stored);
    else if (isLeafEvent(stored)) {
      const link = checkChain(stored, headOf(stored.streamName));
      if (link !== null) {
        heads.set(stored.streamName, { revision: stored.revision, hash: link.hash });
        leaves.push({ hash: link.leaf, eventId: stored.id, stream: stored.streamName, revision: stored.revision });
        lastLeafPosition = stored.position;
      }
    }
    if (!frozen) observed = stored.position;
  };

  const committed = (): LookResult => {
    commit();
    const breaks = found;
    found = [];
    return { breaks, state: logStateOf(log) };
  };

  return {
    look(events) {
      for (const stored of events) lookAt(stored);
      return committed();
    },
    check(events) {
      for (const stored of events) lookAt(stored);
    },
    commit: committed,
    freeze() {
      frozen = true;
    },
    state: () => logStateOf(log),
    close() {
      commit();
      log.close();
    },
  };
}
