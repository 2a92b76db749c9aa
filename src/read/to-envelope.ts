// A stored event read back from $all -> the read side's envelope: data parsed (and upcast) through
// contracts, metadata parsed, both clocks fixed. Failure is a value, so the projector can log and
// count an unreadable event instead of stopping.
import { parseStoredEvent } from '../../contracts/events/index.js';
import { EventMetadata } from '../../contracts/metadata.js';
import type { Envelope } from '../../projections/envelope.js';
import { validTimeOf } from '../../projections/valid-time.js';
import type { StoredEvent } from '../store/adapter.js';

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; error: Error };

export function toEnvelope(stored: StoredEvent): EnvelopeResult {
  try {
    const metadata = EventMetadata.parse(stored.metadata);
    const event = parseStoredEvent(stored.type, stored.data, metadata.schema);
    return {
      ok: true,
      envelope: {
        eventId: stored.id,
        streamName: stored.streamName,
        revision: stored.revision,
        position: stored.position.commit,
        prepare: stored.position.prepare,
        recordedAt: stored.recordedAt.toISOString(),
        validAt: validTimeOf(event, metadata),
        event,
        metadata,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error('unreadable event') };
  }
}

