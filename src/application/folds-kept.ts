// A stream's folded state, kept beside the last event it folded, so that the next write to the stream folds only
// the events after it (ADR 0049). With the write side's stream reads kept (src/store/stream-reads-kept.ts) a write
// meets the same StoredEvent objects again, so the fold of a stream written N times costs O(1) per write instead of
// O(N). States are never changed once built (the deciders' evolve is pure, and the stream state's shared log copies
// its prefix before appending to a state that is not the newest: src/domain/stream.ts), so one can be folded on
// from any number of times. A stream read afresh (new StoredEvent objects) is folded whole, as before.
import { fold } from '../domain/index.js';
import type { CommandDecider } from '../domain/index.js';
import type { StoredEvent } from '../store/adapter.js';
import type { StreamEvent } from './stream-event.js';

/**
 * The state folded from the start of an event's stream through that event. Keyed by the event alone: an event
 * belongs to one stream, and a stream has one decider (its kind's).
 */
const folded = new WeakMap<StoredEvent, { state: unknown }>();

/** fold(decider, history), starting from the state kept for the latest event of `history` that has one. */
export function foldKept<S>(
  decider: Pick<CommandDecider<S>, 'initialState' | 'evolve'>,
  history: readonly StreamEvent[],
): S {
  let from = history.length;
  let kept: { state: unknown } | undefined;
  while (from > 0 && kept === undefined) {
    kept = folded.get((history[from - 1] as StreamEvent).stored);
    if (kept === undefined) from -= 1;
  }
  const rest = history.slice(from);
  const state =
    kept === undefined
      ? fold(decider, rest)
      : rest.reduce((s, e) => decider.evolve(s, e.event, { eventId: e.eventId }), kept.state as S);
  const last = history.at(-1);
  if (last !== undefined) folded.set(last.stored, { state });
  return state;
}
