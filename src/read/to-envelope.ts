// A stored event read back from $all -> the read side's envelope: parsed by the one stored-event parser
// (contracts/stored-event.ts: metadata, data upcast and validated), both clocks fixed. Failure is a value, so the projector can log and
// count an unreadable event instead of stopping.
//
// A full replay keeps every envelope in memory, so what many envelopes repeat (the stream name, the
// actor) is shared: one string / one object per distinct value, not one per event. Same values,
// fewer objects for the garbage collector to trace.
import type { EventMetadata } from '../../contracts/metadata.js';
import { parseStored } from '../../contracts/stored-event.js';
import type { Envelope } from '../../projections/envelope.js';
import { validTimeOf } from '../../projections/valid-time.js';
import type { StoredEvent } from '../store/adapter.js';

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; error: Error };

/** Bounded interning: cleared when full, so a long-lived process does not grow with it. */
class Shared<T> {
  private readonly values = new Map<string, T>();
  constructor(private readonly max: number) {}
  of(key: string, value: T): T {
    const held = this.values.get(key);
    if (held !== undefined) return held;
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}

const streamNames = new Shared<string>(50_000);
/** The events of one append come one after another: the last name is checked before the table. */
let lastStreamName = '';
function sharedStreamName(name: string): string {
  if (name !== lastStreamName) lastStreamName = streamNames.of(name, name);
  return lastStreamName;
}
type Actor = EventMetadata['actor'];

/** Actors by principal (a principal acts in one or a few agency/role pairs): no key string built per event. */
const actorsByPrincipal = new Map<string, Actor[]>();
function sharedActor(actor: Actor): Actor {
  let held = actorsByPrincipal.get(actor.principalId);
  if (held !== undefined) {
    for (const a of held) if (a.agency === actor.agency && a.role === actor.role) return a;
  } else {
    if (actorsByPrincipal.size >= 10_000) actorsByPrincipal.clear();
    held = [];
    actorsByPrincipal.set(actor.principalId, held);
  }
  if (held.length < 16) held.push(actor);
  return actor;
}

/** The revisions most events have, one bigint each, shared by every envelope at that revision. */
const smallRevisions: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));

/** The events of one append share their store time: the string of the last one is kept for the next. */
let lastRecorded = { ms: Number.NaN, iso: '' };
function isoOf(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastRecorded.ms) lastRecorded = { ms, iso: date.toISOString() };
  return lastRecorded.iso;
}

export function toEnvelope(stored: StoredEvent): EnvelopeResult {
  try {
    const { event, metadata } = parseStored(stored);
    metadata.actor = sharedActor(metadata.actor);
    return {
      ok: true,
      envelope: {
        eventId: stored.id,
        streamName: sharedStreamName(stored.streamName),
        revision: smallRevisions[Number(stored.revision)] ?? stored.revision,
        position: stored.position.commit,
        // Usually the same number: then the same bigint, one heap object fewer per kept envelope.
        prepare: stored.position.prepare === stored.position.commit ? stored.position.commit : stored.position.prepare,
        recordedAt: isoOf(stored.recordedAt),
        validAt: validTimeOf(event, metadata),
        event,
        metadata,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error('unreadable event') };
  }
}
