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
  /**
   * The store checked against its chains and the Merkle log (ADR 0034), when the read side has an
   * integrity monitor: a tampered ledger is never `equal`, whatever the read models say.
   */
  readonly integrity?: IntegrityVerdict;
}

/** What the replay reports of the store's integrity (src/read/integrity.ts verifyStore). */
export interface IntegrityVerdict {
  readonly ok: boolean;
  readonly breaks: ReadonlyArray<{
    readonly stream: string;
    readonly revision: string;
    readonly eventId: string | null;
    readonly reason: string;
  }>;
  readonly events: number;
  readonly leaves: number;
  readonly logSize: number;
  readonly root: string;
  readonly rootMatches: boolean;
  readonly checkpoint: { readonly treeSize: number; readonly matches: boolean } | null;
}
