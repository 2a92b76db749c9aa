// What an audit replay reports, and how far a running one has got: shared by the replay on the server's thread
// (audit-replay.ts) and the one in a worker thread (replay-in-worker.ts).
import type { Difference } from './replay.js';

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
