// Sessions and processes: what the session brief needs to know about a session (its dates and
// venue as valid at the query) and about a process (its issues and sessions).
import type { EventData } from '../contracts/events/index.js';
import { fromIsoDate, startOfDay, toIsoDate } from '../contracts/dates.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';
import { sourceOf, type Source } from '../contracts/source.js';

export interface SessionCalendarState {
  readonly scheduled: EventData<'SessionScheduled'> | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly venue: EventData<'SessionScheduled'>['venue'] | null;
  readonly concluded: EventData<'SessionConcluded'> | null;
}

export const sessionCalendar: Projection<SessionCalendarState> = {
  name: 'session-calendar',
  version: 1,
  handles: ['SessionScheduled', 'SessionRescheduled', 'SessionConcluded'],
  initialState: () => ({ scheduled: null, from: null, to: null, venue: null, concluded: null }),
  evolve(state, envelope: Envelope) {
    const { event } = envelope;
    switch (event.type) {
      case 'SessionScheduled':
        return { ...state, scheduled: event.data, from: event.data.from, to: event.data.to, venue: event.data.venue };
      case 'SessionRescheduled':
        return { ...state, from: event.data.from, to: event.data.to, venue: event.data.venue };
      case 'SessionConcluded':
        return { ...state, concluded: event.data };
      default:
        return state;
    }
  },
};

/** The instant the session opens: its first day's start in the venue's time zone. */
export function sessionStart(state: SessionCalendarState): string | null {
  if (state.from === null || state.venue === null) return null;
  return startOfDay(state.from, state.venue.timeZone);
}

/** The instant the session closes: the start of the day after its last day, in the venue's time zone. */
export function sessionEnd(state: SessionCalendarState): string | null {
  if (state.to === null || state.venue === null) return null;
  const last = fromIsoDate(state.to);
  const next = new Date(Date.UTC(last.year, last.month - 1, last.day + 1));
  return startOfDay(
    toIsoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }),
    state.venue.timeZone,
  );
}

/**
 * upcoming before its first day begins (at the venue), in-session until its last day ends, ended after that or once
 * concluded.
 */
export type SessionStatus = 'upcoming' | 'in-session' | 'ended';

export function sessionStatus(state: SessionCalendarState, validAt: string): SessionStatus {
  const start = sessionStart(state);
  if (start !== null && validAt < start) return 'upcoming';
  const end = sessionEnd(state);
  return state.concluded !== null || (end !== null && validAt >= end) ? 'ended' : 'in-session';
}

/**
 * The first instant after `validAt` at which `sessionStatus(state, ·)` is another (ADR 0074): the session's start while
 * it is upcoming, then its end unless concluded; null when its status stays as it is (ended).
 */
export function sessionStatusUntil(state: SessionCalendarState, validAt: string): string | null {
  const start = sessionStart(state);
  if (start !== null && validAt < start) return start;
  if (state.concluded !== null) return null;
  const end = sessionEnd(state);
  return end !== null && validAt < end ? end : null;
}

export interface ProcessCatalogState {
  readonly registered: EventData<'NegotiationProcessRegistered'> | null;
  readonly issueIds: readonly string[];
  readonly sessionIds: readonly string[];
  readonly milestones: readonly (EventData<'MilestoneRecorded'> & {
    readonly eventId: string;
    readonly source: Source;
  })[];
}

export const processCatalog: Projection<ProcessCatalogState> = {
  name: 'process-catalog',
  version: 2,
  handles: ['NegotiationProcessRegistered', 'IssueRegistered', 'SessionScheduled', 'MilestoneRecorded'],
  initialState: () => ({ registered: null, issueIds: [], sessionIds: [], milestones: [] }),
  evolve(state, envelope: Envelope) {
    const { event } = envelope;
    switch (event.type) {
      case 'NegotiationProcessRegistered':
        return { ...state, registered: event.data };
      case 'IssueRegistered':
        return state.issueIds.includes(event.data.issueId)
          ? state
          : { ...state, issueIds: [...state.issueIds, event.data.issueId] };
      case 'SessionScheduled':
        return state.sessionIds.includes(event.data.sessionId)
          ? state
          : { ...state, sessionIds: [...state.sessionIds, event.data.sessionId] };
      case 'MilestoneRecorded':
        return {
          ...state,
          milestones: [
            ...state.milestones,
            { ...event.data, eventId: envelope.eventId, source: sourceOf(envelope.metadata) },
          ],
        };
      default:
        return state;
    }
  },
};
