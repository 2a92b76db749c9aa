// The in-memory index of ADR 0009: each key (issue:<id>, consultation:<id>, session:<id>,
// process:<id>) holds its envelopes in commit order, so an as-of read folds one key, never the
// whole store. A retraction is filed under every key its target was filed under.
import { compareLog, type Envelope } from '../../projections/envelope.js';
import { keysOf, type KeyKind } from '../../projections/routing.js';

export interface ReadIndex {
  /** Files the envelope; false (and nothing changes) when its event id is already held. */
  add(envelope: Envelope): boolean;
  has(eventId: string): boolean;
  envelopesOf(key: string): readonly Envelope[];
  /** Ids of the keys of one kind ("issue" -> issue ids), in first-seen order. */
  idsOf(kind: KeyKind): readonly string[];
  /** Bumped whenever the key receives an envelope (cache invalidation, ETags). */
  versionOf(key: string): number;
  /** Every envelope in commit order. */
  all(): readonly Envelope[];
  readonly size: number;
  readonly lastPosition: bigint | null;
}

export function createReadIndex(): ReadIndex {
  const byKey = new Map<string, Envelope[]>();
  const versions = new Map<string, number>();
  const keysById = new Map<string, readonly string[]>();
  const ids = new Map<KeyKind, string[]>();
  const everything: Envelope[] = [];
  let lastPosition: bigint | null = null;

  const file = (key: string, envelope: Envelope): void => {
    let list = byKey.get(key);
    if (list === undefined) {
      list = [];
      byKey.set(key, list);
      const sep = key.indexOf(':');
      const kind = key.slice(0, sep);
      if (isKeyKind(kind)) {
        const known = ids.get(kind) ?? [];
        known.push(key.slice(sep + 1));
        ids.set(kind, known);
      }
    }
    // Delivery is in commit order; keep the list sorted even if it is not.
    const last = list[list.length - 1];
    if (last === undefined || compareLog(last, envelope) <= 0) list.push(envelope);
    else {
      const at = list.findIndex((e) => compareLog(e, envelope) > 0);
      list.splice(at, 0, envelope);
    }
    versions.set(key, (versions.get(key) ?? 0) + 1);
  };

  return {
    add(envelope) {
      if (keysById.has(envelope.eventId)) return false;
      const keys = keysOf(envelope, (eventId) => keysById.get(eventId) ?? []);
      keysById.set(envelope.eventId, keys);
      for (const key of keys) file(key, envelope);
      everything.push(envelope);
      if (lastPosition === null || envelope.position > lastPosition) lastPosition = envelope.position;
      return true;
    },
    has: (eventId) => keysById.has(eventId),
    envelopesOf: (key) => byKey.get(key) ?? [],
    idsOf: (kind) => ids.get(kind) ?? [],
    versionOf: (key) => versions.get(key) ?? 0,
    all: () => everything,
    get size() {
      return everything.length;
    },
    get lastPosition() {
      return lastPosition;
    },
  };
}

function isKeyKind(kind: string): kind is KeyKind {
  return kind === 'issue' || kind === 'consultation' || kind === 'session' || kind === 'process';
}
