// Which events of a stream each principal's Idempotency-Key wrote, kept beside the stream's events so that a write
// finds its own earlier answer (or another request under its key) without scanning the stream (ADR 0052). Like the
// folds kept beside them (./folds-kept.ts), the index is found through the last event it covers, and a write meets
// the same StoredEvent objects again through the kept stream reads (src/store/stream-reads-kept.ts), so indexing
// costs O(events since the last write) per write instead of O(events in the stream).
//
// One index serves a stream's kept events and is only ever added to. A write that lost a race leaves the events it
// wrote in it (its branch of the stream, dropped by the kept reads); a lookup therefore answers only with events that
// are in the history it was given (the same object at that event's place), so every history gets exactly the events
// a scan of it would find, in stream order.
import type { StoredEvent } from '../store/adapter.js';
import type { StreamEvent } from './stream-event.js';

interface KeyIndex {
  /** principal id + NUL + key -> the events written under it, in the order they were indexed. */
  readonly byKey: Map<string, StreamEvent[]>;
}

/** The index covering a stream from its first event through this one. */
const indexes = new WeakMap<StoredEvent, KeyIndex>();

const slot = (principalId: string, key: string): string => `${principalId}\u0000${key}`;

/** The events of `history` written by `principalId` under `key`, in stream order (as a scan would find them). */
export function eventsUnderKey(
  history: readonly StreamEvent[],
  principalId: string,
  key: string,
): readonly StreamEvent[] {
  const first = history[0];
  if (first === undefined) return [];
  let from = history.length;
  let index: KeyIndex | undefined;
  while (from > 0 && index === undefined) {
    index = indexes.get((history[from - 1] as StreamEvent).stored);
    if (index === undefined) from -= 1;
  }
  index ??= { byKey: new Map() };
  for (let i = from; i < history.length; i += 1) {
    const event = history[i] as StreamEvent;
    const { idempotencyKey, actor } = event.metadata;
    if (idempotencyKey === undefined) continue;
    const name = slot(actor.principalId, idempotencyKey);
    const under = index.byKey.get(name);
    if (under === undefined) index.byKey.set(name, [event]);
    else under.push(event);
  }
  indexes.set((history.at(-1) as StreamEvent).stored, index);
  const found = index.byKey.get(slot(principalId, key));
  if (found === undefined) return [];
  const start = first.stored.revision;
  const last = history.at(-1) as StreamEvent;
  // A history with a gap in its revisions (never read so: streams are append-only) is scanned as before.
  if (last.stored.revision - start !== BigInt(history.length - 1))
    return history.filter((e) => e.metadata.idempotencyKey === key && e.metadata.actor.principalId === principalId);
  // Only the events at their place in this history (not another branch's), each once, in stream order.
  const inHistory = found.filter((e, i) => {
    const at = e.stored.revision - start;
    return at >= 0n && at < BigInt(history.length) && history[Number(at)] === e && found.indexOf(e) === i;
  });
  return inHistory.sort((a, b) => (a.stored.revision < b.stored.revision ? -1 : 1));
}
