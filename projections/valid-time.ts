// Valid time of an event (ADR 0009): its own effective date where it has one, otherwise
// metadata.occurredAt; then, in a selection, the entries beside it may date it (datedInContext). A calendar date means
// the start of that day in the venue's time zone
// (metadata.timeZone) or, failing that, Bangkok. Always a normalised UTC ISO string, so instants
// compare as strings.
import { THAI_TIME_ZONE, startOfDay } from '../contracts/dates.js';
import type { LedgerEvent } from '../contracts/events/index.js';
import type { EventMetadata } from '../contracts/metadata.js';
import type { Envelope } from './envelope.js';

/** `startOfDayOf` is contracts' startOfDay or the same answers remembered (the read side's, src/read/interning.ts). */
export function validTimeOf(
  event: LedgerEvent,
  metadata: Pick<EventMetadata, 'occurredAt' | 'timeZone'>,
  startOfDayOf: (day: string, zone: string) => string = startOfDay,
): string {
  const day = effectiveDayOf(event);
  if (day === null) {
    // Already normalised (the usual case): the string itself, without a round trip through Date.
    if (isNormalisedInstant(metadata.occurredAt)) return metadata.occurredAt;
    return new Date(metadata.occurredAt).toISOString();
  }
  const zone =
    event.type === 'PositionEndorsed' || event.type === 'PositionWithdrawn'
      ? THAI_TIME_ZONE
      : (metadata.timeZone ?? THAI_TIME_ZONE);
  return startOfDayOf(day, zone);
}

/** True when `s` is exactly what Date#toISOString gives for it: YYYY-MM-DDTHH:mm:ss.sssZ, a real
 * calendar date (days per month, leap years) and time of day. */
export function isNormalisedInstant(s: string): boolean {
  if (
    s.length !== 24 ||
    s[4] !== '-' ||
    s[7] !== '-' ||
    s[10] !== 'T' ||
    s[13] !== ':' ||
    s[16] !== ':' ||
    s[19] !== '.' ||
    s[23] !== 'Z'
  )
    return false;
  for (const i of DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    digitsAt(s, 11, 13) > 23 ||
    digitsAt(s, 14, 16) > 59 ||
    digitsAt(s, 17, 19) > 59
  )
    return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** The number the ASCII digits s[from..to) spell (checked to be digits by the caller). */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

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
    case 'FollowUpStatusChanged':
      return event.data.on;
    default:
      return null;
  }
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
export function datedInContext(standing: readonly Envelope[]): readonly Envelope[] {
  const meetingOf = new Map<string, string>();
  // issue id -> version -> earliest valid time of a standing endorsement of it
  const endorsedFrom = new Map<string, Map<number, string>>();
  for (const e of standing) {
    const { event } = e;
    if (event.type === 'ConsultationConvened') meetingOf.set(event.data.consultationId, e.validAt);
    else if (event.type === 'PositionEndorsed') {
      let versions = endorsedFrom.get(event.data.issueId);
      if (versions === undefined) endorsedFrom.set(event.data.issueId, (versions = new Map()));
      const earliest = versions.get(event.data.version);
      if (earliest === undefined || e.validAt < earliest) versions.set(event.data.version, e.validAt);
    }
  }
  // Most selections date nothing anew: copy the list only from the first entry that moves.
  let dated: Envelope[] | null = null;
  let earliestOther: string | null = null;
  let latestRegistration: string | null = null;
  for (let i = 0; i < standing.length; i++) {
    const e = standing[i];
    if (e === undefined) continue;
    const { event } = e;
    let moved = e;
    if (
      (event.type === 'AgencyViewRecorded' || event.type === 'ConsultationOutcomeRecorded') &&
      e.metadata.occurredAtDefaulted === true
    ) {
      const meeting = meetingOf.get(event.data.consultationId);
      if (meeting !== undefined && meeting !== e.validAt) moved = { ...e, validAt: meeting };
    } else if (event.type === 'PositionDrafted') {
      moved = earlier(e, endorsedFrom.get(event.data.issueId)?.get(event.data.version));
    }
    if (moved !== e) (dated ??= standing.slice(0, i)).push(moved);
    else if (dated !== null) dated.push(e);
    if (event.type === 'IssueRegistered') {
      if (latestRegistration === null || moved.validAt > latestRegistration) latestRegistration = moved.validAt;
    } else if (earliestOther === null || moved.validAt < earliestOther) earliestOther = moved.validAt;
  }
  const out = dated ?? standing;
  // A registration moves only when something else is dated before it.
  if (latestRegistration === null || earliestOther === null || latestRegistration <= earliestOther) return out;
  const firstAbout = new Map<string, string>();
  for (const e of out) {
    if (e.event.type === 'IssueRegistered') continue;
    for (const issueId of issuesOf(e.event)) {
      const first = firstAbout.get(issueId);
      if (first === undefined || e.validAt < first) firstAbout.set(issueId, e.validAt);
    }
  }
  return out.map((e) => (e.event.type === 'IssueRegistered' ? earlier(e, firstAbout.get(e.event.data.issueId)) : e));
}

function earlier(e: Envelope, validAt: string | undefined): Envelope {
  return validAt === undefined || validAt >= e.validAt ? e : { ...e, validAt };
}

/** The issues an entry is about: its issueId, or a consultation's agenda. */
function issuesOf(event: LedgerEvent): readonly string[] {
  if (event.type === 'ConsultationConvened') return event.data.agenda;
  return 'issueId' in event.data && typeof event.data.issueId === 'string' ? [event.data.issueId] : [];
}
