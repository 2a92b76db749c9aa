// An event of a command's stream read back for the write side: parsed by the one stored-event parser
// (contracts/stored-event.ts), upcasting old schema versions. Anything that does not parse stops the
// command as an integrity violation naming the event.
import {
  currentSchemaVersion,
  isLedgerEventType,
  parseEventMetadata,
  parseStored,
  type EventMetadata,
  type LedgerEvent,
  type RecordedEvent,
} from '../../contracts/index.js';
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

/**
 * An event this process has just appended, as its stream's kept reads keep it (AppendOutcome.kept), given its parse
 * without parsing its data again (ADR 0065): that data is the JSON copy of the event the domain's schema validated for
 * the append (validateEvent, the current version), and the schema gives such a copy back as it is
 * (test/application/written-parse.int.test.ts). Its metadata is parsed as a read's is. Anything unexpected (another
 * schema version, metadata that does not parse) is left to toStreamEvent.
 */
export function parsedAsWritten(stored: StoredEvent): void {
  if (parsed.has(stored) || !isLedgerEventType(stored.type)) return;
  let metadata: EventMetadata;
  try {
    metadata = parseEventMetadata(stored.metadata);
  } catch {
    return;
  }
  if (metadata.schema !== currentSchemaVersion(stored.type)) return;
  const event = { type: stored.type, data: stored.data } as LedgerEvent;
  parsed.set(stored, { eventId: stored.id, event, metadata, stored });
}

/**
 * A stream's events as parsed for a read: `of` the stored events (the read's array), `events` them parsed. `of` may
 * have grown since (see toStreamEvents); `events` covers its first `events.length`, and only this entry adds to it.
 */
interface ParsedRead {
  readonly of: readonly StoredEvent[];
  readonly events: StreamEvent[];
}

/**
 * The parse of the read that ended with this event, kept for the next read of its stream: one per stream (each
 * parse drops the one it continued), so what is kept grows with the stream, not with the writes to it.
 */
const parsedReads = new WeakMap<StoredEvent, ParsedRead>();

/** How far back from its end a read is searched for the last one it continues (a write adds one event). */
const CONTINUES_WITHIN = 16;

/**
 * A stream's events parsed, the same as `events.map(toStreamEvent)`. A read that continues the last one parsed (the
 * same StoredEvent objects, as the write side's kept stream reads give: src/store/stream-reads-kept.ts) takes that
 * parse for the events they share and parses only the events after it, instead of looking each event up again
 * (ADR 0052).
 *
 * When the read is the very array parsed last, grown at its end (the kept reads extend their own-writes read so),
 * the parse kept is extended in place and returned again: a write's cost does not grow with its stream (issue 15;
 * ADR 0061). The parse returned earlier grows with it, so a caller uses the array it gets before its next read of
 * the stream (the ledger folds and looks up keys at once, keeping events, never the array). Any other read that
 * continues the kept one has its shared prefix checked event by event and copied.
 */
export function toStreamEvents(events: readonly StoredEvent[]): readonly StreamEvent[] {
  const last = events.at(-1);
  if (last === undefined) return [];
  let from = events.length;
  let kept: ParsedRead | undefined;
  for (; from > 0 && events.length - from < CONTINUES_WITHIN; from -= 1) {
    const candidate = parsedReads.get(events[from - 1] as StoredEvent);
    if (
      candidate !== undefined &&
      candidate.events.length === from &&
      (candidate.of === events || sharePrefix(candidate.of, events, from))
    ) {
      kept = candidate;
      break;
    }
  }
  if (kept === undefined) from = 0;
  // Parsed before anything kept is touched: an event that does not parse leaves the kept parse as it was.
  const added = events.slice(from).map(toStreamEvent);
  if (kept !== undefined && added.length === 0) {
    if (kept.of !== events) parsedReads.set(last, { of: events, events: kept.events });
    return kept.events;
  }
  const grown = kept !== undefined && kept.of === events;
  const parsed = kept === undefined ? added : grown ? kept.events : kept.events.slice(0, from);
  if (kept !== undefined) {
    parsed.push(...added);
    parsedReads.delete(events[from - 1] as StoredEvent);
  }
  parsedReads.set(last, { of: events, events: parsed });
  return parsed;
}

function sharePrefix(a: readonly StoredEvent[], b: readonly StoredEvent[], length: number): boolean {
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
