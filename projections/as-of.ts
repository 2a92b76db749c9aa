// The one query shape of ADR 0009: (validAt D, knownAt R).
// 1. envelopes recorded at or before R; 2. retractions known at R decide what is retracted (the
// deciders' rule too, contracts/retractions.ts: a retracted retraction stops applying); 3. drop
// retracted entries, date the rest in context (valid-time.ts: views by their meeting, endorsed drafts
// and issues no later than what stands on them), keep valid time <= D; 4. canonical order (valid
// time, then commit position).
import { retractedIds } from '../contracts/retractions.js';
import { compareCanonical, type Envelope } from './envelope.js';
import { datedInContext } from './valid-time.js';

// All instants here are normalised UTC ISO strings (Date#toISOString), so they compare as strings.
export interface AsOf {
  /** ISO instant: what was in force at this time. */
  readonly validAt: string;
  /** ISO instant: what the ledger knew at this time; null = everything recorded so far. */
  readonly knownAt: string | null;
}

export type Axis = 'valid' | 'recorded';

/** axis=valid: D = asOf, R = now; axis=recorded: D = R = asOf (ADR 0009). */
export function asOfFor(axis: Axis, instant: string): AsOf {
  return axis === 'valid' ? { validAt: instant, knownAt: null } : { validAt: instant, knownAt: instant };
}

/** The envelopes recorded at or before `at` (all of them, the same list, for null). */
export function knownAt(envelopes: readonly Envelope[], at: string | null): readonly Envelope[] {
  if (at === null) return envelopes;
  return envelopes.filter((e) => e.recordedAt <= at);
}

/** The entries standing at R (retractions known at R applied), dated in context. */
function standingAt(envelopes: readonly Envelope[], at: string | null): readonly Envelope[] {
  const known = knownAt(envelopes, at);
  const retracted = retractedIds(known);
  return datedInContext(retracted.size === 0 ? known : known.filter((e) => !retracted.has(e.eventId)));
}

/** The envelopes a fold for (D, R) sees, in canonical order. */
export function selectAsOf(envelopes: readonly Envelope[], query: AsOf): Envelope[] {
  return standingAt(envelopes, query.knownAt)
    .filter((e) => e.validAt <= query.validAt)
    .sort(compareCanonical);
}

/** Event id -> valid time in context, knowing everything, for the entries whose own valid time moves. */
export function validTimesInContext(envelopes: readonly Envelope[]): Map<string, string> {
  const own = new Map(envelopes.map((e) => [e.eventId, e.validAt]));
  const moved = new Map<string, string>();
  for (const e of standingAt(envelopes, null)) if (own.get(e.eventId) !== e.validAt) moved.set(e.eventId, e.validAt);
  return moved;
}
