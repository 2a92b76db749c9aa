// A stored event read back from $all -> the read side's envelope: parsed by the one stored-event parser
// (contracts/stored-event.ts: metadata, data upcast and validated), both clocks fixed. Failure is a value, so the
// projector can log and
// count an unreadable event instead of stopping.
//
// What many envelopes repeat (the stream name, the actor) is shared through the read index's
// interning (interning.ts): same values, fewer objects for the garbage collector to trace.
import { parseStored } from '../../contracts/stored-event.js';
import type { Envelope } from '../../projections/envelope.js';
import { validTimeOf } from '../../projections/valid-time.js';
import type { StoredEvent } from '../store/adapter.js';
import type { Interning } from './interning.js';

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; error: Error };

export function toEnvelope(stored: StoredEvent, interning: Interning): EnvelopeResult {
  try {
    const { event, metadata } = parseStored(stored);
    metadata.actor = interning.actor(metadata.actor);
    return {
      ok: true,
      envelope: {
        eventId: stored.id,
        streamName: interning.streamName(stored.streamName),
        revision: interning.revision(stored.revision),
        commit: stored.position.commit,
        // Usually the same number: then the same bigint, one heap object fewer per kept envelope.
        prepare: stored.position.prepare === stored.position.commit ? stored.position.commit : stored.position.prepare,
        recordedAt: interning.recordedAt(stored.recordedAt),
        validAt: validTimeOf(event, metadata, interning.startOfDay),
        event,
        metadata,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error('unreadable event') };
  }
}
