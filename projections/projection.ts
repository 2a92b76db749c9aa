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

export function foldAll<S>(projection: Projection<S>, envelopes: readonly Envelope[], from: Folded<S> = initialFold(projection)): Folded<S> {
  let folded = from;
  for (const envelope of envelopes) folded = applyOnce(projection, folded, envelope);
  return folded;
}
