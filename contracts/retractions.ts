// Which entries stand retracted: the one rule the deciders (src/domain/stream.ts) and the read side
// (projections/as-of.ts) both apply. A correction never rewrites or deletes: an EntryRetracted points
// at the entry it takes out of effect, and a retraction that is itself retracted stops applying (its
// target is back in effect, ADR 0005).
import type { LedgerEvent, RecordedEvent } from './events/index.js';

/** The entry a retraction points at, or null for any other event. */
export function retractionTargetOf(event: LedgerEvent): string | null {
  return event.type === 'EntryRetracted' ? event.data.targetEventId : null;
}

/**
 * Ids of the entries that stand retracted among these: an entry is retracted when a retraction among
 * them that is not itself retracted targets it. The order of the entries does not matter. Linear in
 * their number, plus the retractions.
 */
export function retractedIds(entries: Iterable<RecordedEvent>): Set<string> {
  // One target per retraction id (an id names one entry; the last one read wins).
  const targetOf = new Map<string, string>();
  for (const e of entries) {
    const target = retractionTargetOf(e.event);
    if (target !== null) targetOf.set(e.eventId, target);
  }
  const out = new Set<string>();
  if (targetOf.size === 0) return out;
  const retractorsOf = new Map<string, string[]>();
  for (const [retraction, target] of targetOf) {
    const list = retractorsOf.get(target);
    if (list === undefined) retractorsOf.set(target, [retraction]);
    else list.push(retraction);
  }
  const memo = new Map<string, boolean>();
  // Retractions only point at earlier entries, so this recursion ends; `visiting` guards against a
  // malformed cycle (written to the store by hand) anyway.
  const visiting = new Set<string>();
  const isRetracted = (id: string): boolean => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    if (visiting.has(id)) return false;
    visiting.add(id);
    const result = (retractorsOf.get(id) ?? []).some((r) => !isRetracted(r));
    visiting.delete(id);
    memo.set(id, result);
    return result;
  };
  for (const target of retractorsOf.keys()) if (isRetracted(target)) out.add(target);
  return out;
}
