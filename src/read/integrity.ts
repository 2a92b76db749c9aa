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
import type { Worker } from 'node:worker_threads';
import { IntegrityError } from '../store/errors.js';
import {
  CHECKPOINT_STREAM,
  checkpointEvent,
  createSealer,
  readCheckpointEvent,
  type Checkpoint,
  type SealPolicy,
  type Sealer,
  type SigningKey,
} from '../integrity/index.js';
import type { LedgerLog } from './integrity-log.js';
import type { IntegrityBreak } from './integrity-check.js';
import { startChecker } from './integrity-thread.js';
import { sweepStore, type StoreVerification } from './store-sweep.js';
import { sweepInWorker } from './sweep-in-worker.js';

export type { IntegrityBreak };

export type IntegrityStatus = { ok: true } | ({ ok: false } & IntegrityBreak);

export type { StoreVerification };

/** A log of fewer leaves is swept on the calling thread (at ~15k events/s, under a second): see ADR 0076. */
export const SWEEP_IN_WORKER_FROM = 10_000;

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
  /**
   * The store's address (esdb://...): with a log file, the sweep runs in a worker thread of its own with its own
   * connection (ADR 0076); without one, on this thread over `store`.
   */
  storeConnection?: string;
  /**
   * Leaves from which the sweep goes to its worker (default SWEEP_IN_WORKER_FROM): below it the sweep on this thread
   * takes under a second, and a worker would cost more to start than it saves (ADR 0076).
   */
  sweepInWorkerFrom?: number;
  now?: () => Date;
  /** Starts the checks' worker thread (tests hold on to it to end it); default new Worker. */
  spawn?: (bootstrap: string, options: { eval: true; workerData: unknown }) => Worker;
}

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

  const sweeper =
    options.storeConnection === undefined || options.logFile === ':memory:'
      ? undefined
      : sweepInWorker({
          storeConnection: options.storeConnection,
          logFile: options.logFile,
          verifierKeys: [key.verifierKey],
          origin,
        });

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
    if (sweeper !== undefined && log.tree.size() >= (options.sweepInWorkerFrom ?? SWEEP_IN_WORKER_FROM))
      return sweeper.sweep();
    return sweepStore({ store, log, verifiers, origin, stopped: () => stopped });
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
      await sweeper?.stop();
      await sweep;
      await checker.stop();
    },
  };
}
