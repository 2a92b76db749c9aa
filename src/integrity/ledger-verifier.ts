// What `ledger verify` runs over the whole ledger, one event at a time in $all commit order (ADR 0035):
// - every stream's chain: revisions 0, 1, 2... with no gap, each event's `prev` the hash of the one
//   before it and its `hash` recomputed over its committed form (src/store/chain.ts);
// - the Merkle tree over every leaf event (ADR 0022), kept as its right edge only (O(log n) memory),
//   and its root at each expected size: every checkpoint the ledger signed and every checkpoint an
//   auditor kept (`--trusted`), each given before the pass; a checkpoint's `position` line must name
//   the position of the leaf that ends it.
// It holds per stream its last revision and hash, and the checkpoints: never the events. Nothing is
// thrown for what the ledger holds: each thing found is a Break, in $all order.
import { compareLog, type LogPosition } from '../../contracts/log-position.js';
import type { Checkpoint } from './checkpoint.js';
import { isLeafEvent } from './checkpoint-stream.js';
import { edgeOnlyMerkleTree } from './edge-node-store.js';
import { eventDigests } from './event-digests.js';
import { sameBytes } from './hash.js';
import { positionText } from './log-position.js';

/** An event as the store adapter reads it (StoredEvent has these fields). */
export interface VerifiableEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export type BreakKind =
  /** The store answered events out of $all order. */
  | 'log_order'
  /** A stream's revisions skip or repeat: events removed or moved. */
  | 'revision_gap'
  /** `prev` is not the previous event's hash, or `hash` is not the content's. */
  | 'chain_link'
  /** The event cannot be read or committed (not JSON, a classified value stored redacted...). */
  | 'unreadable_event'
  /** A checkpoint note that no accepted key signed, or that is not a checkpoint of this log. */
  | 'checkpoint_signature'
  /** The ledger's checkpoints go back in size, or sign two roots for one size. */
  | 'checkpoint_sequence'
  /** The recomputed tree has another root at the checkpoint's size. */
  | 'checkpoint_root'
  /** The checkpoint's position line does not name the position of the leaf that ends it. */
  | 'checkpoint_position'
  /** The checkpoint covers more leaves than the ledger holds: a tail was dropped. */
  | 'checkpoint_beyond_ledger';

export interface Break {
  readonly kind: BreakKind;
  readonly stream: string | null;
  readonly revision: bigint | null;
  readonly eventId: string | null;
  /** Where in $all the event named is (for a checkpoint, its event); null when it is not in the ledger. */
  readonly position: LogPosition | null;
  /** One sentence for a person. */
  readonly what: string;
}

/** A checkpoint the recomputed tree must meet, and where it came from. */
export interface ExpectedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** `trusted`: kept outside the ledger (`--trusted <file>`); `ledger`: the ledger's own. */
  readonly source: 'ledger' | 'trusted';
  /** For a person: `ledger-checkpoints@3`, `trusted checkpoint kept.checkpoint`. */
  readonly label: string;
  /** The event holding it (the ledger's own), else null. */
  readonly stream: string | null;
  readonly revision: bigint | null;
  readonly eventId: string | null;
  readonly position: LogPosition | null;
}

export interface CheckpointOutcome {
  readonly expected: ExpectedCheckpoint;
  /** True when the tree reached the size with the same root (and the position line held). */
  readonly met: boolean;
}

export interface VerifierOptions {
  /** Checkpoints to meet, in any order. */
  readonly expected: readonly ExpectedCheckpoint[];
}

export interface VerifierSummary {
  readonly events: number;
  readonly leaves: number;
  readonly streams: number;
  /** Root of the recomputed tree over every leaf. */
  readonly root: Buffer;
  readonly lastPosition: LogPosition | null;
  readonly checkpoints: readonly CheckpointOutcome[];
  /**
   * Every break found, in $all order of where it lies: an event's at the event (a missing one after the
   * event before it), a checkpoint whose root differs where the tree reached its size, one beyond the
   * ledger last.
   */
  readonly breaks: readonly Break[];
}

export interface LedgerVerifier {
  /** Checks the next event of $all. */
  event(event: VerifiableEvent): void;
  /** Records a break found outside the pass (a checkpoint's signature, a read that failed). */
  report(found: Break): void;
  /** Events checked so far. */
  count(): number;
  /**
   * Ends the pass: checkpoints beyond the last leaf are breaks, unless the pass did not reach the end
   * of the ledger (`complete: false`), when nothing can be said of them.
   */
  finish(options?: { complete?: boolean }): VerifierSummary;
}

const BATCH = 512;

interface StreamHead {
  revision: bigint;
  hash: string | null;
  position: LogPosition;
}

interface Found {
  readonly found: Break;
  /** Where the break lies in $all, to order it: a missing event lies after the one before it. */
  readonly order: LogPosition | null;
}

/** Breaks in $all order; those nowhere in the ledger last, in the order found. */
function inLogOrder(breaks: readonly Found[]): Break[] {
  return breaks
    .map((b, i) => [b, i] as const)
    .sort(([a, i], [b, j]) => {
      if (a.order === null || b.order === null) return a.order === b.order ? i - j : a.order === null ? 1 : -1;
      return compareLog(a.order, b.order) || i - j;
    })
    .map(([b]) => b.found);
}

export function createLedgerVerifier(options: VerifierOptions): LedgerVerifier {
  const tree = edgeOnlyMerkleTree();
  const heads = new Map<string, StreamHead>();
  const breaks: Found[] = [];
  const outcomes = new Map<ExpectedCheckpoint, boolean>();
  const bySize = new Map<number, ExpectedCheckpoint[]>();
  for (const e of options.expected)
    bySize.set(e.checkpoint.treeSize, [...(bySize.get(e.checkpoint.treeSize) ?? []), e]);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  let nextSize = 0; // index into sizes
  let pending: Buffer[] = [];
  let events = 0;
  let lastPosition: LogPosition | null = null;
  let lastLeaf: VerifiableEvent | null = null;
  // Since the last size whose checkpoints all held: where the leaves after it begin (to narrow a break).
  let heldSize = 0;
  let firstAfterHeld: LogPosition | null = null;

  const found = (b: Break, order: LogPosition | null = b.position): void => void breaks.push({ found: b, order });
  const at = (e: VerifiableEvent) => ({
    stream: e.streamName,
    revision: e.revision,
    eventId: e.id,
    position: e.position,
  });

  /** The tree has just reached `size` leaves: compare with every checkpoint of that size. */
  function meet(size: number): void {
    const root = tree.root();
    let held = true;
    for (const expected of bySize.get(size) ?? []) {
      const { checkpoint, label } = expected;
      const where = {
        stream: expected.stream,
        revision: expected.revision,
        eventId: expected.eventId,
        position: expected.position,
      };
      // Ordered where the tree reached the size: after any break among the leaves it covers.
      const order = lastLeaf?.position ?? null;
      if (!sameBytes(root, checkpoint.rootHash)) {
        const range =
          firstAfterHeld === null || lastLeaf === null
            ? ''
            : `; the change lies in leaves ${heldSize + 1} to ${size} (positions ${positionText(firstAfterHeld)} to ${positionText(lastLeaf.position)}), after the last checkpoint that held`;
        found(
          {
            kind: 'checkpoint_root',
            ...where,
            what: `${label} (tree size ${size}, signed ${checkpoint.time}) has another root than the tree of the ledger's first ${size} events: an event was changed, removed, added or reordered${range}`,
          },
          order,
        );
        outcomes.set(expected, false);
        held = false;
      } else if (
        checkpoint.lastPosition !== null &&
        lastLeaf !== null &&
        compareLog(checkpoint.lastPosition, lastLeaf.position) !== 0
      ) {
        found(
          {
            kind: 'checkpoint_position',
            ...where,
            what: `${label} says its last event is at position ${positionText(checkpoint.lastPosition)}, the ledger's event ${size} is at ${positionText(lastLeaf.position)}`,
          },
          order,
        );
        outcomes.set(expected, false);
        held = false;
      } else {
        outcomes.set(expected, true);
      }
    }
    if (held) {
      heldSize = size;
      firstAfterHeld = null;
    }
  }

  function flush(): void {
    if (pending.length > 0) tree.append(pending);
    pending = [];
  }

  function addLeaf(leaf: Buffer, event: VerifiableEvent): void {
    pending.push(leaf);
    lastLeaf = event;
    firstAfterHeld ??= event.position;
    const size = tree.size() + pending.length;
    const target = sizes[nextSize];
    if (target === size) {
      flush();
      meet(size);
      nextSize += 1;
    } else if (pending.length >= BATCH) {
      flush();
    }
  }

  /** Checks the event's place and link in its stream; returns its leaf hash (null: no committed form). */
  function checkChain(event: VerifiableEvent): Buffer | null {
    const head = heads.get(event.streamName);
    const expected = head === undefined ? 0n : head.revision + 1n;
    let expectedPrev = head?.hash ?? null;
    if (event.revision !== expected) {
      const what =
        event.revision > expected
          ? `revision ${event.revision} follows ${head === undefined ? 'nothing' : `revision ${head.revision}`}: ${expected === event.revision - 1n ? `revision ${expected} is` : `revisions ${expected} to ${event.revision - 1n} are`} missing`
          : `revision ${event.revision} comes after revision ${head?.revision ?? '?'}: events of the stream are out of order`;
      found({ kind: 'revision_gap', ...at(event), what }, head?.position ?? event.position);
      // The link to a missing event cannot be checked; the event's own hash still is.
      const prev = event.metadata['prev'];
      expectedPrev = typeof prev === 'string' ? prev : null;
    }
    // checkLink and the leaf hash in one (event-digests.ts).
    const { link, leaf } = eventDigests(event, expectedPrev);
    if (!link.ok)
      found({ kind: 'chain_link', ...at(event), what: `${link.reason} (the event was changed, or one before it)` });
    const hash = event.metadata['hash'];
    heads.set(event.streamName, {
      revision: event.revision,
      hash: typeof hash === 'string' ? hash : null,
      position: event.position,
    });
    return leaf;
  }

  // Checkpoints of the empty tree hold or not before any event.
  if (sizes[0] === 0) {
    meet(0);
    nextSize = 1;
  }

  return {
    event(event) {
      events += 1;
      if (lastPosition !== null && compareLog(event.position, lastPosition) <= 0) {
        found({
          kind: 'log_order',
          ...at(event),
          what: `the store answered position ${positionText(event.position)} after ${positionText(lastPosition)}`,
        });
      }
      lastPosition = event.position;
      let leaf: Buffer | null;
      try {
        leaf = checkChain(event);
      } catch (error) {
        // A revision beyond a safe integer, content canonical JSON cannot hold: no digest at all.
        found({
          kind: 'unreadable_event',
          ...at(event),
          what: `no hash can be computed: ${error instanceof Error ? error.message : String(error)}`,
        });
        leaf = null;
      }
      if (!isLeafEvent(event)) return;
      // An event with no committed form keeps its place with a hash no checkpoint can hold (its break is named).
      addLeaf(leaf ?? Buffer.alloc(32), event);
    },
    report: (b) => found(b),
    count: () => events,
    finish({ complete = true } = {}) {
      flush();
      const leaves = tree.size();
      for (const size of complete ? sizes.slice(nextSize) : []) {
        for (const expected of bySize.get(size) ?? []) {
          outcomes.set(expected, false);
          found(
            {
              kind: 'checkpoint_beyond_ledger',
              stream: expected.stream,
              revision: expected.revision,
              eventId: expected.eventId,
              position: expected.position,
              what: `${expected.label} (signed ${expected.checkpoint.time}) covers ${size} events, the ledger holds ${leaves}: events were removed (the last ones, or a whole stream)`,
            },
            null,
          ); // found only at the end: after every break within the ledger
        }
      }
      return {
        events,
        leaves,
        streams: heads.size,
        root: tree.root(),
        lastPosition,
        checkpoints: options.expected.map((expected) => ({ expected, met: outcomes.get(expected) ?? false })),
        breaks: inLogOrder(breaks),
      };
    },
  };
}
