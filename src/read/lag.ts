// How far the projector is behind the store, and whether that still lets the read side answer for
// the ledger as it is (/readyz). Counted, not subtracted: the store's head may be an event the
// projector does not follow (system or metadata streams).
import { compareLog, logPositionFromJson, type LogPosition } from '../../contracts/log-position.js';
import type { LedgerStore } from '../store/adapter.js';
import type { ProjectorStatus } from './projector.js';

/** How far a follower of $all (the projector) is behind the store. Positions are commit positions. */
export interface ReadinessLag {
  /** The last commit position in $all; null for an empty store. */
  head: string | null;
  /** The last commit position the follower has applied; null before the first event. */
  position: string | null;
  /** Ledger events recorded after `position` that the follower has not applied yet. */
  eventsBehind: number;
  /** True when eventsBehind counts them all; false when it stopped counting (there are more). */
  eventsBehindExact: boolean;
  /** Nothing left to apply: the follower has the last ledger event. */
  caughtUp: boolean;
}

/** The store's head: the log position of the last event in $all. */
export type HeadPosition = LogPosition;

/** Whether the read side can serve, why (for callers: no internals), and its lag. */
export interface Readiness {
  readonly ok: boolean;
  readonly detail: string;
  readonly lag: ReadinessLag;
}

/** The projector's lag is counted event by event up to this many; beyond it the answer says "at least". */
export const LAG_COUNT_LIMIT = 1000;

/** Ready only while the projector is at most this many ledger events behind the store (ADR 0032). */
export const READY_LAG_LIMIT = 100;

/** How far the projector (its status `s`) is behind the store's head, in positions and in ledger events. */
export async function projectorLag(
  store: Pick<LedgerStore, 'readAll'>,
  s: ProjectorStatus,
  head: HeadPosition | null,
): Promise<ReadinessLag> {
  const position = s.position === null ? null : logPositionFromJson(s.position);
  // Past the projector's position, the live subscription may have reported records the store looked at and found
  // no ledger event the projector lacks (ADR 0078): the count starts there, not through them again.
  const from = s.scannedTo === null ? position : logPositionFromJson(s.scannedTo);
  let eventsBehind = 0;
  let exact = true;
  if (head !== null && (from === null || compareLog(head, from) > 0)) {
    // Count the ledger events after that position instead of trusting the difference;
    // stop at LAG_COUNT_LIMIT so a probe stays cheap however far behind the projector is.
    for await (const e of store.readAll({ from: from ?? 'start' })) {
      if (from !== null && compareLog(e.position, from) <= 0) continue;
      eventsBehind += 1;
      if (eventsBehind >= LAG_COUNT_LIMIT) {
        exact = false;
        break;
      }
    }
  }
  return {
    head: head === null ? null : head.commit.toString(),
    position: s.position?.commit ?? null,
    eventsBehind,
    eventsBehindExact: exact,
    caughtUp: s.caughtUp && eventsBehind === 0,
  };
}

/**
 * Ready once the first catch-up is done, while the subscription is open and the projector is at most
 * READY_LAG_LIMIT events behind: connected is not enough, a subscription that delivers nothing (or
 * too slowly) leaves readers with an old ledger; a few events behind is a live projector between a
 * write and its apply. `warming` is appended to the detail (the warm-up after a restart).
 */
export function readiness(s: ProjectorStatus, lag: ReadinessLag, warming: string): Readiness {
  const behind = `${lag.eventsBehindExact ? '' : 'at least '}${lag.eventsBehind} events behind the store (head ${lag.head ?? 'none'})`;
  const at = `at ${lag.position ?? 'none'}, ${behind}`;
  if (!s.caughtUp) return { ok: false, detail: `catching up (${at})`, lag };
  if (lag.eventsBehind > READY_LAG_LIMIT)
    return { ok: false, detail: `more than ${READY_LAG_LIMIT} events behind (${at})`, lag };
  return {
    ok: s.connected,
    detail: `${at}; ${s.eventsIndexed} events read; last event applied ${s.lastEventLagMs ?? 0} ms after it was recorded${s.connected ? '' : '; resubscribing'}${warming}`,
    lag,
  };
}
