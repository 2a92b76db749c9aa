// Consultation register, per consultation: date, convener, participants, agenda, the views
// recorded, outcomes per issue and their follow-ups, closure. Participation per agency is summed
// over consultations by participation().
import type { Agency } from '../contracts/principal.js';
import type { EventData, FollowUp } from '../contracts/events/index.js';
import { sourceOf, type Source } from '../contracts/source.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';
import { agencyViewOf, type AgencyViewRecord } from './agency-view.js';

/** A view as the register lists it (the same record as alignment's). */
export type ConsultationViewEntry = AgencyViewRecord;

export interface ConsultationOutcomeEntry {
  readonly eventId: string;
  readonly issueId: string;
  readonly outcome: EventData<'ConsultationOutcomeRecorded'>['outcome'];
  readonly recommendedStance: EventData<'ConsultationOutcomeRecorded'>['recommendedStance'] | null;
  readonly summary: EventData<'ConsultationOutcomeRecorded'>['summary'];
  readonly supporting: readonly Agency[];
  readonly dissenting: readonly Agency[];
  readonly followUps: readonly FollowUp[];
  readonly source: Source;
}

export interface ConsultationRegisterState {
  readonly convened:
    | (EventData<'ConsultationConvened'> & {
        readonly eventId: string;
        readonly recordedAt: string;
        readonly source: Source;
      })
    | null;
  readonly views: readonly ConsultationViewEntry[];
  /** Latest outcome per issue. */
  readonly outcomes: Readonly<Record<string, ConsultationOutcomeEntry>>;
  readonly closed: EventData<'ConsultationClosed'> | null;
}

const handles = [
  'ConsultationConvened',
  'AgencyViewRecorded',
  'ConsultationOutcomeRecorded',
  'ConsultationClosed',
] as const;

export function evolveConsultation(state: ConsultationRegisterState, envelope: Envelope): ConsultationRegisterState {
  const { event } = envelope;
  switch (event.type) {
    case 'ConsultationConvened':
      return {
        ...state,
        convened: {
          ...event.data,
          eventId: envelope.eventId,
          recordedAt: envelope.recordedAt,
          source: sourceOf(envelope.metadata),
        },
      };
    case 'AgencyViewRecorded': {
      const d = event.data;
      const entry = agencyViewOf(envelope, d);
      const kept = d.supersedes === undefined ? state.views : state.views.filter((v) => v.eventId !== d.supersedes);
      return { ...state, views: [...kept, entry] };
    }
    case 'ConsultationOutcomeRecorded': {
      const d = event.data;
      const entry: ConsultationOutcomeEntry = {
        eventId: envelope.eventId,
        issueId: d.issueId,
        outcome: d.outcome,
        recommendedStance: d.recommendedStance ?? null,
        summary: d.summary,
        supporting: d.supporting,
        dissenting: d.dissenting,
        followUps: d.followUps,
        source: sourceOf(envelope.metadata),
      };
      return { ...state, outcomes: { ...state.outcomes, [d.issueId]: entry } };
    }
    case 'ConsultationClosed':
      return { ...state, closed: event.data };
    default:
      return state;
  }
}

export const consultationRegister: Projection<ConsultationRegisterState> = {
  name: 'consultation-register',
  version: 3,
  handles,
  initialState: () => ({ convened: null, views: [], outcomes: {}, closed: null }),
  evolve: evolveConsultation,
};

export interface OpenFollowUp extends FollowUp {
  readonly issueId: string;
  /** Due before the query's date. */
  readonly overdue: boolean;
}

/**
 * upcoming: convened on the ledger, its meeting day not yet begun at the query's valid time; held:
 * its day has begun; closed: its closure is recorded.
 */
export type ConsultationStatus = 'upcoming' | 'held' | 'closed';

export interface ConsultationView {
  readonly consultationId: string;
  readonly status: ConsultationStatus;
  readonly title: EventData<'ConsultationConvened'>['title'] | null;
  readonly heldOn: string | null;
  readonly convener: Agency | null;
  readonly format: EventData<'ConsultationConvened'>['format'] | null;
  readonly participants: readonly Agency[];
  readonly agenda: readonly string[];
  readonly documentRef: string | null;
  readonly urgency: EventData<'ConsultationConvened'>['urgency'] | null;
  readonly classification: EventData<'ConsultationConvened'>['classification'] | null;
  /** Where the record of the meeting comes from (ADR 0038); null before it is convened. */
  readonly source: Source | null;
  readonly views: readonly ConsultationViewEntry[];
  readonly outcomes: readonly ConsultationOutcomeEntry[];
  /** The ledger has no event completing a follow-up: every follow-up of a standing outcome is open. */
  readonly openFollowUps: readonly OpenFollowUp[];
  readonly closed: EventData<'ConsultationClosed'> | null;
}

/**
 * The register's answer; `upcoming` when the meeting is convened for a day after the query's (see ConsultationStatus).
 */
export function consultationView(
  consultationId: string,
  state: ConsultationRegisterState,
  asOfDate: string,
  upcoming = false,
): ConsultationView {
  const c = state.convened;
  const outcomes = Object.values(state.outcomes);
  return {
    consultationId,
    status: state.closed !== null ? 'closed' : upcoming ? 'upcoming' : 'held',
    title: c?.title ?? null,
    heldOn: c?.heldOn ?? null,
    convener: c?.convener ?? null,
    format: c?.format ?? null,
    participants: c?.participants ?? [],
    agenda: c?.agenda ?? [],
    documentRef: c?.documentRef ?? null,
    urgency: c?.urgency ?? null,
    classification: c?.classification ?? null,
    source: c?.source ?? null,
    views: state.views,
    outcomes,
    openFollowUps: outcomes.flatMap((o) =>
      o.followUps.map((f) => ({ ...f, issueId: o.issueId, overdue: f.due !== undefined && f.due < asOfDate })),
    ),
    closed: state.closed,
  };
}

/**
 * The first day after `asOfDate` on which a follow-up of `state`'s outcomes turns overdue (ADR 0074): the day after
 * the earliest due date not yet passed; null when none is still to pass. `consultationView`'s answer for any day from
 * `asOfDate` up to it is the same.
 */
export function overdueFrom(state: ConsultationRegisterState, asOfDate: string): string | null {
  let due: string | null = null;
  for (const o of Object.values(state.outcomes))
    for (const f of o.followUps)
      if (f.due !== undefined && f.due >= asOfDate && (due === null || f.due < due)) due = f.due;
  return due === null ? null : dayAfter(due);
}

/** "2026-12-31" -> "2027-01-01". */
function dayAfter(isoDate: string): string {
  const next = new Date(Date.parse(`${isoDate}T00:00:00.000Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

export interface Participation {
  readonly agency: Agency;
  readonly consultations: number;
  readonly convened: number;
  readonly viewsRecorded: number;
}

export function participation(consultations: readonly ConsultationView[]): Participation[] {
  const by = new Map<Agency, { consultations: number; convened: number; viewsRecorded: number }>();
  const row = (agency: Agency) => {
    let r = by.get(agency);
    if (r === undefined) {
      r = { consultations: 0, convened: 0, viewsRecorded: 0 };
      by.set(agency, r);
    }
    return r;
  };
  for (const c of consultations) {
    for (const agency of new Set(c.participants)) row(agency).consultations += 1;
    if (c.convener !== null) row(c.convener).convened += 1;
    for (const v of c.views) row(v.agency).viewsRecorded += 1;
  }
  return [...by.entries()].map(([agency, r]) => ({ agency, ...r })).sort((a, b) => (a.agency < b.agency ? -1 : 1));
}
