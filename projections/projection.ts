// A projection is a pure fold: name, version, the event types it handles, an initial state and
// evolve. `applyOnce` makes any projection idempotent: states carry the sort key of the last
// envelope applied, and an envelope at or before it (same event again, or an older one) is a no-op.
// Folds always run in canonical order (envelope.ts), so this watermark is enough.
import type { LedgerEvent } from '../contracts/events/index.js';
import { compareCanonical, sortKeyOf, type Envelope, type SortKey } from './envelope.js';

export type EventType = LedgerEvent['type'];

export interface Projection<S> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly EventType[];
  initialState(): S;
  evolve(state: S, envelope: Envelope): S;
}

export interface Folded<S> {
  readonly state: S;
  /** Sort key of the last envelope applied, null before the first. */
  readonly watermark: SortKey | null;
}

export function initialFold<S>(projection: Projection<S>): Folded<S> {
  return { state: projection.initialState(), watermark: null };
}

export function applyOnce<S>(projection: Projection<S>, folded: Folded<S>, envelope: Envelope): Folded<S> {
  if (folded.watermark !== null && compareCanonical(envelope, folded.watermark) <= 0) return folded;
  const watermark = sortKeyOf(envelope);
  if (!projection.handles.includes(envelope.event.type)) return { state: folded.state, watermark };
  return { state: projection.evolve(folded.state, envelope), watermark };
}

/** The same as applying each envelope in turn with applyOnce, without a Folded per envelope. */
export function foldAll<S>(
  projection: Projection<S>,
  envelopes: readonly Envelope[],
  from: Folded<S> = initialFold(projection),
): Folded<S> {
  const handled = handledTypes(projection);
  let state = from.state;
  let mark: SortKey | null = from.watermark;
  let moved = false;
  for (const envelope of envelopes) {
    if (mark !== null && compareCanonical(envelope, mark) <= 0) continue;
    mark = envelope;
    moved = true;
    if (handled.has(envelope.event.type)) state = projection.evolve(state, envelope);
  }
  return moved && mark !== null ? { state, watermark: sortKeyOf(mark) } : from;
}

const handledByProjection = new WeakMap<object, ReadonlySet<string>>();

function handledTypes(projection: { readonly handles: readonly string[] }): ReadonlySet<string> {
  let handled = handledByProjection.get(projection);
  if (handled === undefined) {
    handled = new Set(projection.handles);
    handledByProjection.set(projection, handled);
  }
  return handled;
}
