// An event of a command's stream read back for the write side: parsed by the one stored-event parser
// (contracts/stored-event.ts), upcasting old schema versions. Anything that does not parse stops the
// command as an integrity violation naming the event.
import { parseStored, type EventMetadata, type RecordedEvent } from '../../contracts/index.js';
import type { StoredEvent } from '../store/adapter.js';
import { IntegrityError } from '../store/errors.js';

/** What the deciders fold (the event and its id), plus what idempotency needs (metadata, the stored event). */
export interface StreamEvent extends RecordedEvent {
  readonly metadata: EventMetadata;
  readonly stored: StoredEvent;
}

export function toStreamEvent(stored: StoredEvent): StreamEvent {
  try {
    const { event, metadata } = parseStored(stored);
    return { eventId: stored.id, event, metadata, stored };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new IntegrityError(stored.streamName, stored.revision, stored.id, reason, { cause: err });
  }
}
