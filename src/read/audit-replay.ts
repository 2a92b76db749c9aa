// The audit replay (POST /v1/audit/replay, ADR 0013), one at a time: rebuild every read model from
// position 0 into a scratch index beside the live one, then compare the two subject by subject. A
// replay asked for while one runs is refused with where the running one is (ReplayInProgress): two
// at once would only compete for the same CPU and disk, and a burst of them stalled the server. Both
// phases give the event loop a turn every SLICE_MS, so /healthz and reads keep answering.
import type { Classification } from '../../contracts/classification.js';
import type { AsOf } from '../../projections/as-of.js';
import type { ReadSide } from './read-side.js';
import { compareWithLive, replayAll, shownTo, type Difference } from './replay.js';

/** Work this long, then let requests in. */
const SLICE_MS = 10;

export interface ReplayProgress {
  /** ISO instant the running replay began. */
  readonly startedAt: string;
  readonly phase: 'rebuilding' | 'comparing';
  readonly eventsReplayed: number;
  /** The live side's events up to the position the replay rebuilds to. */
  readonly eventsToReplay: number;
  readonly subjectsCompared: number;
  /** Known once the comparison begins. */
  readonly subjectsToCompare: number | null;
}

export interface ReplayReport {
  readonly equal: boolean;
  readonly eventsReplayed: number;
  readonly eventsLive: number;
  readonly rejected: number;
  /** The whole replay, and its two phases. */
  readonly ms: number;
  readonly rebuildMs: number;
  readonly compareMs: number;
  readonly differences: Difference[];
}

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
}

export function createAuditReplays(read: Pick<ReadSide, 'store' | 'index' | 'projector' | 'scratchIndex'>): AuditReplays {
  let progress: { -readonly [K in keyof ReplayProgress]: ReplayProgress[K] } | null = null;

  const replay = async (asOf: AsOf, clearance: Classification, state: NonNullable<typeof progress>, upTo: bigint): Promise<ReplayReport> => {
    const started = performance.now();
    // Every event the live side holds up to the replayed position (a prepare position never exceeds its commit position).
    const eventsLive = state.eventsToReplay;
    const { index, dispose } = read.scratchIndex();
    try {
      const rebuilt = await replayAll(read.store, { upTo, index, sliceMs: SLICE_MS, onProgress: (events) => (state.eventsReplayed = events) });
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
      return { equal: differences.length === 0, eventsReplayed: rebuilt.events, eventsLive, rejected: rebuilt.rejected, ms, rebuildMs, compareMs: ms - rebuildMs, differences };
    } finally {
      await dispose();
    }
  };

  return {
    run(asOf, clearance) {
      if (progress !== null) return Promise.reject(new ReplayInProgress({ ...progress }));
      const reached = read.projector.status().position;
      const upTo = reached === null ? -1n : BigInt(reached.commit);
      const state = {
        startedAt: new Date().toISOString(),
        phase: 'rebuilding' as ReplayProgress['phase'],
        eventsReplayed: 0,
        eventsToReplay: upTo < 0n ? 0 : read.index.countThrough({ commit: upTo, prepare: upTo }),
        subjectsCompared: 0,
        subjectsToCompare: null as number | null,
      };
      progress = state;
      return replay(asOf, clearance, state, upTo).finally(() => {
        progress = null;
      });
    },
    running: () => (progress === null ? null : { ...progress }),
  };
}
