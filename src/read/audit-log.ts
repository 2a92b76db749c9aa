// The auditors' log (GET /v1/audit/events): raw events in commit order with metadata and both clocks,
// filtered and paged, each dated as every read dates it. Classified fields are redacted for the
// auditor's clearance, and the events of a consultation marked above it are markers holding only
// their place in the log (ADR 0018).
import type { Classification } from '../../contracts/classification.js';
import type { LogPosition } from '../../contracts/log-position.js';
import { sourceOf } from '../../contracts/source.js';
import type { Envelope } from '../../projections/envelope.js';
import { validTimesInContext } from '../../projections/as-of.js';
import type { ReadIndex } from './read-index.js';
import { redactRawEventData } from './redact.js';
import { consultationOfStream, type Reader } from './withheld.js';

/** Which events of the log an auditor asks for; from/to are UTC ISO instants on `axis`. */
export interface AuditFilter {
  readonly stream?: string | undefined;
  readonly type?: string | undefined;
  readonly agency?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly axis: 'valid' | 'recorded';
}

/** A page of the log; `next` is the cursor after its last event scanned (null: nothing more). */
export type AuditPage = {
  readonly events: Array<AuditEvent | WithheldAuditEvent>;
  readonly next: string | null;
};

export type AuditEvent = ReturnType<typeof rawEvent>;
export type WithheldAuditEvent = ReturnType<typeof withheldEvent>;

/** Envelopes are read from the index in pages of this many (it may page them from its file). */
const SCAN_PAGE = 1000;

/** An event of a consultation the auditor may not see: where it is in the log and the consultation's marking. */
function withheldEvent(e: Envelope, reader: Reader, consultationId: string) {
  return {
    eventId: e.eventId,
    streamName: e.streamName,
    revision: e.revision.toString(),
    position: { commit: e.commit.toString(), prepare: e.prepare.toString() },
    recordedAt: e.recordedAt,
    classification: reader.levelOf(consultationId),
    redacted: true as const,
  };
}

function rawEvent(e: Envelope, validAt: string, clearance: Classification) {
  return {
    eventId: e.eventId,
    streamName: e.streamName,
    revision: e.revision.toString(),
    position: { commit: e.commit.toString(), prepare: e.prepare.toString() },
    type: e.event.type,
    recordedAt: e.recordedAt,
    // As every read dates it (ADR 0009: a late view at its meeting, an endorsed draft no later than
    // its endorsement); metadata.occurredAt keeps what the writer sent.
    validAt,
    // Classified values above the clearance keep their commitment: the chain still verifies (ADR 0020).
    data: redactRawEventData(e.event.type, e.event.data, clearance),
    metadata: e.metadata,
    // Where the entry comes from, absent in the metadata meaning record (ADR 0038).
    source: sourceOf(e.metadata),
  };
}

/** The cursor of `next`, commit/prepare, as a log position. */
export function auditCursor(after: string): LogPosition {
  const [commit, prepare] = after.split('/');
  return { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? '0') };
}

/** Up to `limit` events after `after` (null: from the start) that pass `q`, for this reader and clearance. */
export function auditEvents(
  index: ReadIndex,
  q: AuditFilter,
  after: LogPosition | null,
  limit: number,
  reader: Reader,
  clearance: Classification,
): AuditPage {
  let cursor = after;
  // Valid times in context, one key at a time as the page needs them.
  const movedIn = new Map<string, Map<string, string>>();
  const validAtOf = (e: Envelope): string => {
    const key = index.interning.homeKeyOf(e.streamName);
    if (key === undefined) return e.validAt;
    let moved = movedIn.get(key);
    if (moved === undefined) {
      moved = validTimesInContext(index.envelopesOf(key));
      movedIn.set(key, moved);
    }
    return moved.get(e.eventId) ?? e.validAt;
  };
  const events: Array<AuditEvent | WithheldAuditEvent> = [];
  let last: Envelope | undefined;
  let more = false;
  scan: for (;;) {
    const page = index.after(cursor, SCAN_PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      if (events.length >= limit) {
        more = true;
        break scan;
      }
      last = e;
      cursor = { commit: e.commit, prepare: e.prepare };
      if (q.stream !== undefined && e.streamName !== q.stream) continue;
      const consultationId = consultationOfStream(e.streamName);
      if (consultationId !== undefined && !reader.sees(consultationId)) {
        // Only what the marker shows can select it: its stream and its record time.
        if (
          q.type !== undefined ||
          q.agency !== undefined ||
          (q.axis === 'valid' && (q.from !== undefined || q.to !== undefined))
        )
          continue;
        if ((q.from !== undefined && e.recordedAt < q.from) || (q.to !== undefined && e.recordedAt > q.to)) continue;
        events.push(withheldEvent(e, reader, consultationId));
        continue;
      }
      if (q.type !== undefined && e.event.type !== q.type) continue;
      if (q.agency !== undefined && e.metadata.actor.agency !== q.agency) continue;
      const validAt = validAtOf(e);
      const t = q.axis === 'valid' ? validAt : e.recordedAt;
      if (q.from !== undefined && t < q.from) continue;
      if (q.to !== undefined && t > q.to) continue;
      events.push(rawEvent(e, validAt, clearance));
    }
  }
  return { events, next: more && last !== undefined ? `${last.commit}/${last.prepare}` : null };
}
