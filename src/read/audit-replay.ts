// The audit replay (POST /v1/audit/replay, ADR 0013), one at a time: rebuild every read model from
// position 0 into a scratch index beside the live one, then compare the two subject by subject. A
// replay asked for while one runs is refused with where the running one is (ReplayInProgress): two
// at once would only compete for the same CPU and disk, and a burst of them stalled the server.
// With the live index in a file and a store connection to give it, a replay runs in a worker thread
// (replay-in-worker.ts), so the server's event loop does nothing for it; otherwise it runs here, both
// phases giving the event loop a turn every SLICE_MS.
import { rm } from 'node:fs/promises';
import type { Classification } from '../../contracts/classification.js';
import type { AsOf } from '../../projections/as-of.js';
import type { LedgerStore } from '../store/adapter.js';
import type { Projector } from './projector.js';
import type { ReadIndex } from './read-index.js';
import { compareWithLive, replayAll, shownTo } from './replay.js';
import { replayInWorker, type ReplayInWorker } from './replay-in-worker.js';
import type { IntegrityVerdict, ReplayProgress, ReplayReport } from './replay-report.js';

export type { IntegrityVerdict, ReplayProgress, ReplayReport } from './replay-report.js';

/** What a replay needs of the read side (read-side.ts), named here so neither module imports the other. */
export interface ReplaySource {
  readonly store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  readonly index: ReadIndex;
  readonly projector: Projector;
  scratchIndex(): { index: ReadIndex; dispose(): Promise<void> };
}

/** Work this long, then let requests in. */
const SLICE_MS = 10;

/** A replay was asked for while another runs. */
export class ReplayInProgress extends Error {
  constructor(readonly progress: ReplayProgress) {
    super(`an audit replay is already running (${progress.phase}, since ${progress.startedAt})`);
    this.name = 'ReplayInProgress';
  }
}

export interface AuditReplays {
  /**
   * Starts a replay, compared as of `asOf` and shown to a reader of `clearance`. Marks it running
   * before it returns, so a second call made meanwhile rejects with ReplayInProgress.
   */
  run(asOf: AsOf, clearance: Classification): Promise<ReplayReport>;
  /** The running replay's progress; null when none runs. */
  running(): ReplayProgress | null;
  /** Ends a replay running in a worker (the server is stopping); it then fails. */
  stop(): Promise<void>;
}

export interface AuditReplayOptions {
  /**
   * Run each replay in a worker thread, which needs these (the read side gives them with a data dir and a store
   * connection).
   */
  worker?: {
    /** The store's connection string, for the worker's own client. */
    readonly storeConnection: string;
    /** The live index file, which the worker reads as of its last flush. */
    readonly livePath: string;
    readonly format: string;
    readonly cachedEnvelopes?: number;
    /** A new scratch file's path; the file is deleted once the worker has ended. */
    scratchPath(): string;
  };
  /** Verifies the store's chains and Merkle root after each replay (the integrity monitor). */
  verifyStore?: () => Promise<IntegrityVerdict>;
}

type Progress = { -readonly [K in keyof ReplayProgress]: ReplayProgress[K] };

export function createAuditReplays(read: ReplaySource, options: AuditReplayOptions = {}): AuditReplays {
  let progress: Progress | null = null;
  let inWorker: ReplayInWorker | null = null;

  const replayInAWorker = async (
    asOf: AsOf,
    clearance: Classification,
    state: Progress,
    worker: NonNullable<AuditReplayOptions['worker']>,
  ): Promise<ReplayReport> => {
    const scratchPath = worker.scratchPath();
    const { scratchPath: _, ...init } = worker;
    const running = replayInWorker({
      ...init,
      scratchPath,
      asOf,
      clearance,
      onProgress: (p) => Object.assign(state, p),
    });
    inWorker = running;
    try {
      return await running.done;
    } finally {
      inWorker = null;
      await running.stop();
      await rm(scratchPath, { force: true });
    }
  };

  const replay = async (
    asOf: AsOf,
    clearance: Classification,
    state: Progress,
    upTo: bigint,
  ): Promise<ReplayReport> => {
    const started = performance.now();
    // Every event the live side holds up to the replayed position (a prepare position never exceeds its commit
    // position).
    const eventsLive = state.eventsToReplay;
    const { index, dispose } = read.scratchIndex();
    try {
      const rebuilt = await replayAll(read.store, {
        upTo,
        index,
        sliceMs: SLICE_MS,
        onProgress: (events) => (state.eventsReplayed = events),
      });
      const rebuildMs = Math.round(performance.now() - started);
      state.phase = 'comparing';
      const differences = await compareWithLive(read.index, index, upTo, asOf, {
        sliceMs: SLICE_MS,
        reader: shownTo(clearance),
        onProgress: (compared, of) => {
          state.subjectsCompared = compared;
          state.subjectsToCompare = of;
        },
      });
      const ms = Math.round(performance.now() - started);
      return {
        equal: differences.length === 0,
        eventsReplayed: rebuilt.events,
        eventsLive,
        rejected: rebuilt.rejected,
        ms,
        rebuildMs,
        compareMs: ms - rebuildMs,
        differences,
      };
    } finally {
      await dispose();
    }
  };

  return {
    run(asOf, clearance) {
      if (progress !== null) return Promise.reject(new ReplayInProgress({ ...progress }));
      const reached = read.projector.status().position;
      const upTo = reached === null ? -1n : BigInt(reached.commit);
      const state: Progress = {
        startedAt: new Date().toISOString(),
        phase: 'rebuilding',
        eventsReplayed: 0,
        // The worker counts up to the live file's last flush and says so in its first message.
        eventsToReplay: upTo < 0n ? 0 : read.index.countThrough({ commit: upTo, prepare: upTo }),
        subjectsCompared: 0,
        subjectsToCompare: null,
      };
      progress = state;
      const replayed =
        options.worker !== undefined
          ? replayInAWorker(asOf, clearance, state, options.worker)
          : replay(asOf, clearance, state, upTo);
      const verify = options.verifyStore;
      const running =
        verify === undefined
          ? replayed
          : replayed.then(async (report) => {
              const integrity = await verify();
              return { ...report, equal: report.equal && integrity.ok, integrity };
            });
      return running.finally(() => {
        progress = null;
      });
    },
    running: () => (progress === null ? null : { ...progress }),
    async stop() {
      await inWorker?.stop();
    },
  };
}
