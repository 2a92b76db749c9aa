// Valid time of an event (ADR 0009): its own effective date where it has one, otherwise
// metadata.occurredAt; then, in a selection, the entries beside it may date it (datedInContext). A calendar date means the start of that day in the venue's time zone
// (metadata.timeZone) or, failing that, Bangkok. Always a normalised UTC ISO string, so instants
// compare as strings.
import { THAI_TIME_ZONE, startOfDay } from '../contracts/dates.js';
import type { LedgerEvent } from '../contracts/events/index.js';
import type { EventMetadata } from '../contracts/metadata.js';
import type { Envelope } from './envelope.js';

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

// ---- valid time in context ---------------------------------------------------------------------
// What an entry's own date cannot say, the entries standing beside it (the same key, retractions
// applied) do. Used by every as-of selection (as-of.ts), so every read model agrees.

/**
 * The entries with their valid times in context (ADR 0009):
 * 1. an agency view or consultation outcome whose writer named no time (metadata.occurredAtDefaulted)
 *    is dated by its consultation's meeting (heldOn, as the standing ConsultationConvened is dated):
 *    a view logged weeks after the meeting belongs at the meeting;
 * 2. a draft exists no later than the earliest standing endorsement of its version: an endorsement in
 *    force on D puts its text in force on D, however late the draft was typed in;
 * 3. an issue exists no later than the earliest standing entry about it (its registration may be
 *    typed in after the positions taken on it).
 * Entries whose valid time does not move are returned as they are (same objects).
 */
export function datedInContext(standing: readonly Envelope[]): Envelope[] {
  const meetingOf = new Map<string, string>();
  const endorsedFrom = new Map<string, string>();
  let registrations = 0;
  for (const e of standing) {
    const { event } = e;
    if (event.type === 'ConsultationConvened') meetingOf.set(event.data.consultationId, e.validAt);
    else if (event.type === 'PositionEndorsed') {
      const key = versionKey(event.data.issueId, event.data.version);
      const earliest = endorsedFrom.get(key);
      if (earliest === undefined || e.validAt < earliest) endorsedFrom.set(key, e.validAt);
    } else if (event.type === 'IssueRegistered') registrations += 1;
  }
  if (meetingOf.size === 0 && endorsedFrom.size === 0 && registrations === 0) return [...standing];

  const dated = standing.map((e): Envelope => {
    const { event } = e;
    if ((event.type === 'AgencyViewRecorded' || event.type === 'ConsultationOutcomeRecorded') && e.metadata.occurredAtDefaulted === true) {
      const meeting = meetingOf.get(event.data.consultationId);
      return meeting === undefined || meeting === e.validAt ? e : { ...e, validAt: meeting };
    }
    if (event.type === 'PositionDrafted') return earlier(e, endorsedFrom.get(versionKey(event.data.issueId, event.data.version)));
    return e;
  });
  if (registrations === 0) return dated;

  const firstAbout = new Map<string, string>();
  for (const e of dated) {
    if (e.event.type === 'IssueRegistered') continue;
    for (const issueId of issuesOf(e.event)) {
      const first = firstAbout.get(issueId);
      if (first === undefined || e.validAt < first) firstAbout.set(issueId, e.validAt);
    }
  }
  return dated.map((e) => (e.event.type === 'IssueRegistered' ? earlier(e, firstAbout.get(e.event.data.issueId)) : e));
}

function versionKey(issueId: string, version: number): string {
  return `${issueId}#${version}`;
}

function earlier(e: Envelope, validAt: string | undefined): Envelope {
  return validAt === undefined || validAt >= e.validAt ? e : { ...e, validAt };
}

/** The issues an entry is about: its issueId, or a consultation's agenda. */
function issuesOf(event: LedgerEvent): readonly string[] {
  if (event.type === 'ConsultationConvened') return event.data.agenda;
  return 'issueId' in event.data && typeof event.data.issueId === 'string' ? [event.data.issueId] : [];
}
