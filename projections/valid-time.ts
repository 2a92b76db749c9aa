// Valid time of an event (ADR 0009): its own effective date where it has one, otherwise
// metadata.occurredAt. A calendar date means the start of that day in the venue's time zone
// (metadata.timeZone) or, failing that, Bangkok. Always a normalised UTC ISO string, so instants
// compare as strings.
import { THAI_TIME_ZONE, startOfDay } from '../contracts/dates.js';
import type { LedgerEvent } from '../contracts/events/index.js';
import type { EventMetadata } from '../contracts/metadata.js';

export function validTimeOf(event: LedgerEvent, metadata: Pick<EventMetadata, 'occurredAt' | 'timeZone'>): string {
  const day = effectiveDayOf(event);
  if (day === null) return new Date(metadata.occurredAt).toISOString();
  const zone = event.type === 'PositionEndorsed' || event.type === 'PositionWithdrawn' ? THAI_TIME_ZONE : (metadata.timeZone ?? THAI_TIME_ZONE);
  return startOfDayCached(day, zone);
}

// startOfDay builds an Intl formatter per call (~0.2 ms); replays meet the same few thousand days
// over and over, so the (pure) answer is remembered. Bounded: cleared past 50k entries.
const startOfDayMemo = new Map<string, string>();
function startOfDayCached(day: string, zone: string): string {
  const key = `${day}|${zone}`;
  let instant = startOfDayMemo.get(key);
  if (instant === undefined) {
    if (startOfDayMemo.size >= 50_000) startOfDayMemo.clear();
    instant = startOfDay(day, zone);
    startOfDayMemo.set(key, instant);
  }
  return instant;
}

function effectiveDayOf(event: LedgerEvent): string | null {
  switch (event.type) {
    case 'PositionEndorsed':
    case 'PositionWithdrawn':
      return event.data.effectiveFrom;
    case 'StatementDelivered':
      return event.data.deliveredOn;
    case 'ConsultationConvened':
      return event.data.heldOn;
    case 'ConsultationClosed':
    case 'DraftTextStatusChanged':
    case 'IssueClosed':
    case 'MilestoneRecorded':
      return event.data.on;
    default:
      return null;
  }
}

/** The event a retraction points at, or null for any other event. */
export function retractionTargetOf(event: LedgerEvent): string | null {
  return event.type === 'EntryRetracted' ? event.data.targetEventId : null;
}
