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

/**
 * Parsed once per stored event: with its stream's reads kept (src/store/stream-reads-kept.ts) a write
 * meets the same StoredEvent objects again. Neither is ever changed (a fold builds new state).
 */
const parsed = new WeakMap<StoredEvent, StreamEvent>();

export function toStreamEvent(stored: StoredEvent): StreamEvent {
  const known = parsed.get(stored);
  if (known !== undefined) return known;
  try {
    const { event, metadata } = parseStored(stored);
    const streamEvent: StreamEvent = { eventId: stored.id, event, metadata, stored };
    parsed.set(stored, streamEvent);
    return streamEvent;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new IntegrityError(stored.streamName, stored.revision, stored.id, reason, { cause: err });
  }
}
