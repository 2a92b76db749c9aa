// Reads a ledger stream back as parsed events: metadata through contracts' EventMetadata, data through
// parseStoredEvent (upcasting old schema versions). Anything that does not parse stops the command.
import { EventMetadata, parseStoredEvent, type LedgerEvent } from '../../contracts/index.js';
import type { StoredEvent } from '../store/adapter.js';
import { IntegrityError } from '../store/errors.js';

export interface HistoryEntry {
  readonly eventId: string;
  readonly event: LedgerEvent;
  readonly metadata: EventMetadata;
  readonly stored: StoredEvent;
}

export function toHistoryEntry(stored: StoredEvent): HistoryEntry {
  const metadata = EventMetadata.safeParse(stored.metadata);
  if (!metadata.success) {
    const reason = metadata.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new IntegrityError(stored.streamName, stored.revision, stored.id, `metadata: ${reason}`);
  }
  let event: LedgerEvent;
  try {
    event = parseStoredEvent(stored.type, stored.data, metadata.data.schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new IntegrityError(stored.streamName, stored.revision, stored.id, reason, { cause: err });
  }
  return { eventId: stored.id, event, metadata: metadata.data, stored };
}
