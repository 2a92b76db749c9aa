// The server's integrity monitor (ADR 0034): checks every ledger event the projector reads against its
// stream's hash chain, appends it to the Merkle log (integrity-log.ts) as a leaf, stores the
// checkpoints the sealer signs in the ledger-checkpoints stream, and keeps what broke. Nothing here
// decides what a request answers: the HTTP layer asks `broken()` / `status()`.
//
// - look(): the projector hands over each batch it reads, in $all order, and indexes it once the
//   checks have looked at it (ADR 0044). The checks (integrity-check.ts) run in a worker thread
//   (integrity-thread.ts): a leaf must be its stream's next revision with a valid link; a checkpoint event
//   must open with the ledger's key and match the tree. The first failure freezes the log: no more
//   leaves, no more checkpoints (a signed checkpoint of a tampered history would be worse than none).
// - verifyStore(): reads the whole store again and compares each leaf with the log's (the start-up
//   sweep, and the audit replay): an edited, deleted, moved or missing event is caught even when the
//   projector had indexed it before the store was edited.
// - guard(): the store the write side uses; a stream known broken is refused before it is read, and a
//   chain break found while reading is recorded here.
import type { Logger } from 'pino';
import type { LogPosition } from '../../contracts/log-position.js';
import type { LedgerStore, StoredEvent } from '../store/adapter.js';
import { eventHashes } from '../integrity/event-digests.js';
import { committedForm, hashOf } from '../store/chain.js';
import type { Worker } from 'node:worker_threads';
import { UncommittableError } from '../store/commitment.js';
import { IntegrityError } from '../store/errors.js';
import {
  CHECKPOINT_STREAM,
  checkpointEvent,
  createSealer,
  eventLeafHash,
  isCheckpointEvent,
  isLeafEvent,
  memoryMerkleTree,
  readCheckpointEvent,
  type Checkpoint,
  type SealPolicy,
  type Sealer,
  type SigningKey,
} from '../integrity/index.js';
import type { ChainHead, LedgerLog } from './integrity-log.js';
import type { IntegrityBreak } from './integrity-check.js';
import { startChecker } from './integrity-thread.js';

export type { IntegrityBreak };

export type IntegrityStatus = { ok: true } | ({ ok: false } & IntegrityBreak);

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

export interface IntegrityMonitor {
  /** For the projector (ProjectorOptions.observer). */
  readonly observer: {
    from(): LogPosition | null;
    look(events: readonly StoredEvent[]): Promise<void>;
  };
  /** The log as this thread reads it: what the checks have committed. */
  readonly log: LedgerLog;
  readonly key: SigningKey;
  readonly origin: string;
  status(): IntegrityStatus;
  /** Why the checks are not running (their worker failed; the projector waits for a new one), or null. */
  checkerFailure(): string | null;
  /** Resolves once the checks' thread runs (its worker has opened the log file). */
  checksStarted(): Promise<void>;
  /** Streams found broken, each with its first break. */
  broken(): ReadonlyMap<string, IntegrityBreak>;
  /** Records a break found elsewhere (a stream read on the write side). */
  report(found: IntegrityBreak): void;
  /** The store with reads of broken streams refused (for the write side). */
  guard<S extends Pick<LedgerStore, 'readStream'>>(store: S): S;
  verifyStore(): Promise<StoreVerification>;
  /** The projector has caught up: checkpoints may be sealed from now on; the start-up sweep runs. */
  caughtUp(): void;
  /** Resolves when the start-up sweep has finished (at once if none runs). */
  swept(): Promise<void>;
  stop(): Promise<void>;
}

export interface IntegrityOptions {
  /** The Merkle log file (integrity-log.ts); `:memory:` keeps it in memory and checks in this thread. */
  logFile: string;
  /** The store the sealer appends checkpoints to and the sweep reads (the adapter, unguarded). */
  store: Pick<LedgerStore, 'readAll' | 'append'>;
  key: SigningKey;
  origin: string;
  policy: SealPolicy;
  logger: Logger;
  /** Verify the whole store against the log once the projector has caught up (default true). */
  sweepOnStart?: boolean;
  now?: () => Date;
  /** Starts the checks' worker thread (tests hold on to it to end it); default new Worker. */
  spawn?: (bootstrap: string, options: { eval: true; workerData: unknown }) => Worker;
}

const at = (e: { revision: bigint }): string => e.revision.toString();

/** One home for the digest trick (ADR 0035): the monitor and `ledger verify` hash alike. */
export { eventHashes };

export function createIntegrityMonitor(options: IntegrityOptions): IntegrityMonitor {
  const { store, key, origin, policy, logger } = options;
  const now = options.now ?? (() => new Date());
  const verifiers = [key.verifier()];
  const breaks = new Map<string, IntegrityBreak>();
  let first: IntegrityBreak | null = null;
  let frozen = false;
  let stopped = false;
  let live = false;
  let sealing: Promise<void> | null = null;
  let sweep: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const checker = startChecker({
    path: options.logFile,
    verifierKeys: [key.verifierKey],
    origin,
    onError: (err, message) => logger.error({ err }, message),
    ...(options.spawn === undefined ? {} : { spawn: options.spawn }),
  });
  const log = checker.log;
  const latest = log.latestCheckpoint();
  let lastCheckpoint: Checkpoint | null = null;
  if (latest !== undefined) {
    const read = readCheckpointEvent({ type: 'CheckpointSigned', data: { note: latest.note } }, verifiers, origin);
    if (read.ok) lastCheckpoint = read.checkpoint;
  }
  const sealer: Sealer = createSealer({ tree: log.tree, signer: key, origin, policy, last: lastCheckpoint });

  const report = (found: IntegrityBreak): void => {
    if (breaks.has(found.stream)) return;
    breaks.set(found.stream, found);
    if (first === null) {
      first = found;
      frozen = true;
      checker.freeze();
      logger.error(
        { integrity: found },
        `integrity violation on ${found.stream}@${found.revision}: ${found.reason} (found by the ${found.foundBy}); the Merkle log stops growing and no checkpoint is signed until it is resolved`,
      );
    } else {
      logger.error({ integrity: found }, `integrity violation on ${found.stream}@${found.revision}: ${found.reason}`);
    }
  };

  const leafHashOf = (stored: StoredEvent, committed: unknown): Buffer =>
    eventLeafHash({
      stream: stored.streamName,
      revision: stored.revision,
      eventId: stored.id,
      type: stored.type,
      data: committed,
      metadata: stored.metadata,
    });

  const seal = (): void => {
    if (!live || frozen || stopped || sealing !== null || !sealer.due(now())) return;
    const sealed = sealer.seal(now());
    if (sealed === null) return;
    const head = log.head(CHECKPOINT_STREAM);
    const event = checkpointEvent(origin, sealed.checkpoint.treeSize, sealed.note);
    sealing = store
      .append(CHECKPOINT_STREAM, [event], {
        expectedRevision: head === undefined ? 'no_stream' : head.revision,
        chainHead: head?.hash ?? null,
      })
      .then(
        () =>
          logger.info(
            { treeSize: sealed.checkpoint.treeSize, root: sealed.checkpoint.rootHash.toString('base64') },
            'checkpoint signed',
          ),
        (err: unknown) =>
          logger.warn(
            { err, treeSize: sealed.checkpoint.treeSize },
            'the signed checkpoint could not be stored; the next one will cover its leaves',
          ),
      )
      .finally(() => {
        sealing = null;
      });
  };

  const trySeal = (): void => {
    try {
      seal();
    } catch (err) {
      logger.error({ err }, 'sealing a checkpoint failed');
    }
  };

  /** The projector's batch: checked (in the checks' thread), its breaks recorded here before it is indexed. */
  const look = async (events: readonly StoredEvent[]): Promise<void> => {
    const { breaks: found } = await checker.look(events);
    for (const b of found) report(b);
    trySeal();
  };

  async function verifyStore(): Promise<StoreVerification> {
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
      if (stopped) break;
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
      const read = readCheckpointEvent(
        { type: 'CheckpointSigned', data: { note: latestNote.note } },
        verifiers,
        origin,
      );
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

  const runSweep = async (): Promise<void> => {
    const started = performance.now();
    const result = await verifyStore();
    if (stopped) return;
    for (const b of result.breaks) report(b);
    logger.info(
      { events: result.events, leaves: result.leaves, ok: result.ok, ms: Math.round(performance.now() - started) },
      result.ok ? 'the store matches the Merkle log' : 'the store does not match the Merkle log',
    );
  };

  return {
    observer: { from: () => log.observed(), look },
    log,
    key,
    origin,
    status: () => (first === null ? { ok: true } : { ok: false, ...(first as IntegrityBreak) }),
    checkerFailure: () => checker.failure(),
    checksStarted: () => checker.started(),
    broken: () => breaks,
    report,
    guard<S extends Pick<LedgerStore, 'readStream'>>(inner: S): S {
      const readStream: LedgerStore['readStream'] = async (streamName, options) => {
        const known = breaks.get(streamName);
        if (known !== undefined)
          throw new IntegrityError(streamName, BigInt(known.revision), known.eventId ?? '', known.reason);
        try {
          return await inner.readStream(streamName, options);
        } catch (error) {
          if (error instanceof IntegrityError) {
            report({
              stream: error.streamName,
              revision: error.revision.toString(),
              eventId: error.eventId,
              reason: error.message,
              foundBy: 'stream read',
            });
          }
          throw error;
        }
      };
      return new Proxy(inner, {
        get: (target, name, receiver) => (name === 'readStream' ? readStream : Reflect.get(target, name, receiver)),
      });
    },
    verifyStore,
    caughtUp() {
      if (live) return;
      live = true;
      if (options.sweepOnStart ?? true) {
        sweep = runSweep().catch((err: unknown) => {
          if (!stopped) logger.warn({ err }, 'the start-up integrity sweep could not finish');
        });
      }
      timer = setInterval(trySeal, Math.max(100, Math.min(policy.everyMs, 5000)));
      timer.unref();
      trySeal();
    },
    swept: () => sweep,
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await sealing;
      await sweep;
      await checker.stop();
    },
  };
}
