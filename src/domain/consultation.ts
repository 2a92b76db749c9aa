// consultation-<uuid>: an interagency consultation. Agency views, outcomes per agenda issue, closure.
// Nothing new is added to a closed consultation; a correction (retraction) still is, and retracting the
// closure reopens it.
import type { Agency, EventData, LedgerEvent, RecordedEvent } from '../../contracts/index.js';
import { assertSpeaksFor } from './agency.js';
import type { CommandContext, Decider, DomainCommandOf } from './decider.js';
import { unhandled } from './decider.js';
import { conflict, invalid, notFound } from './errors.js';
import type { StreamState } from './stream.js';
import {
  allEntries,
  creationHasNoDependents,
  decideRetraction,
  evolveStream,
  findEntry,
  initialStreamState,
} from './stream.js';

export interface ViewRef {
  readonly eventId: string;
  readonly agency: Agency;
  readonly issueId: string;
}

export interface ConsultationInEffect {
  readonly convened?: EventData<'ConsultationConvened'>;
  /** Latest view per (agency, issue), superseded ones dropped. */
  readonly views: readonly ViewRef[];
  /** Issue id -> event id of its outcome. */
  readonly outcomes: ReadonlyMap<string, string>;
  readonly closed?: EventData<'ConsultationClosed'>;
}
export type ConsultationState = StreamState<ConsultationInEffect>;

const nothingInEffect = (): ConsultationInEffect => ({ views: [], outcomes: new Map() });

function apply(inEffect: ConsultationInEffect, { event, eventId }: RecordedEvent): ConsultationInEffect {
  switch (event.type) {
    case 'ConsultationConvened':
      return { ...inEffect, convened: event.data };
    case 'AgencyViewRecorded': {
      const { agency, issueId } = event.data;
      const others = inEffect.views.filter((v) => !(v.agency === agency && v.issueId === issueId));
      return { ...inEffect, views: [...others, { eventId, agency, issueId }] };
    }
    case 'ConsultationOutcomeRecorded':
      return { ...inEffect, outcomes: new Map(inEffect.outcomes).set(event.data.issueId, eventId) };
    case 'ConsultationClosed':
      return { ...inEffect, closed: event.data };
    default:
      return inEffect;
  }
}

/** The consultation, convened and still open. */
function open(state: ConsultationState, consultationId: string): EventData<'ConsultationConvened'> {
  const convened = state.inEffect.convened;
  if (!convened) throw notFound('consultation_not_found', `no consultation ${consultationId}`, { consultationId });
  if (state.inEffect.closed)
    throw conflict('consultation_closed', `consultation ${consultationId} is closed: nothing more is added to it`, {
      consultationId,
    });
  return convened;
}

function onAgenda(convened: EventData<'ConsultationConvened'>, issueId: string): void {
  if (!convened.agenda.includes(issueId)) {
    throw conflict('issue_not_on_agenda', `issue "${issueId}" is not on this consultation's agenda`, {
      issueId,
      agenda: convened.agenda,
    });
  }
}

function participants(convened: EventData<'ConsultationConvened'>, agencies: readonly Agency[]): void {
  const outsiders = agencies.filter((a) => !convened.participants.includes(a));
  if (outsiders.length > 0) {
    throw conflict('agency_not_participant', `${outsiders.join(', ')} did not take part in this consultation`, {
      agencies: outsiders,
    });
  }
}

function convene(command: DomainCommandOf<'ConveneConsultation'>, state: ConsultationState): LedgerEvent[] {
  if (state.inEffect.convened)
    throw conflict('consultation_already_convened', `consultation ${command.consultationId} already exists`);
  assertSpeaksFor(command.context, command.convener, 'convene a consultation');
  if (!command.participants.includes(command.convener)) {
    throw invalid('convener_not_participant', `the convener ${command.convener} must be among the participants`);
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationConvened', data }];
}

function recordView(command: DomainCommandOf<'RecordAgencyView'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  assertSpeaksFor(command.context, command.agency, 'record a view');
  onAgenda(convened, command.issueId);
  participants(convened, [command.agency]);
  const earlier = state.inEffect.views.find((v) => v.agency === command.agency && v.issueId === command.issueId);
  const { type: _type, context: _context, ...rest } = command;
  const data: EventData<'AgencyViewRecorded'> = {
    ...rest,
    // Typed by the agency itself, or transcribed from the minutes by the coordinating agency (ADR 0014).
    attestation: command.context.actor.agency === command.agency ? 'agency' : 'minutes',
    ...(earlier ? { supersedes: earlier.eventId } : {}),
  };
  return [{ type: 'AgencyViewRecorded', data }];
}

function recordOutcome(command: DomainCommandOf<'RecordConsultationOutcome'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  assertSpeaksFor(command.context, convened.convener, "record a consultation's outcome");
  onAgenda(convened, command.issueId);
  if (state.inEffect.outcomes.has(command.issueId)) {
    throw conflict(
      'outcome_already_recorded',
      `an outcome on "${command.issueId}" is already recorded; retract it to record another`,
      {
        eventId: state.inEffect.outcomes.get(command.issueId),
      },
    );
  }
  participants(convened, [...command.supporting, ...command.dissenting]);
  const both = command.supporting.filter((a) => command.dissenting.includes(a));
  if (both.length > 0)
    throw invalid('agency_both_supporting_and_dissenting', `${both.join(', ')} cannot both support and dissent`);
  if (command.outcome === 'consensus' && command.dissenting.length > 0) {
    throw invalid('consensus_with_dissent', 'a consensus has no dissenting agencies: record a majority instead');
  }
  if ((command.outcome === 'consensus' || command.outcome === 'majority') && command.recommendedStance === undefined) {
    throw invalid('recommended_stance_required', `a ${command.outcome} outcome states the stance it recommends`);
  }
  const ids = command.followUps.map((f) => f.id);
  if (new Set(ids).size !== ids.length) throw invalid('duplicate_follow_up', 'follow-up ids must be unique');
  participants(
    convened,
    command.followUps.map((f) => f.owner),
  );
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationOutcomeRecorded', data }];
}

function close(command: DomainCommandOf<'CloseConsultation'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  assertSpeaksFor(command.context, convened.convener, 'close a consultation');
  if (command.on < convened.heldOn) {
    throw invalid(
      'closed_before_held',
      `the consultation was held on ${convened.heldOn}; it cannot close on ${command.on}`,
    );
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationClosed', data }];
}

/**
 * Whose entry it is: a view is its agency's; everything else in a consultation is the convener's record;
 * a retraction belongs to whoever the entry it retracted belongs to (so reinstating is theirs too).
 */
function ownerOf(target: RecordedEvent, state: ConsultationState): Agency | undefined {
  let entry: RecordedEvent | undefined = target;
  while (entry?.event.type === 'EntryRetracted') entry = findEntry(state, entry.event.data.targetEventId);
  if (entry?.event.type === 'AgencyViewRecorded') return entry.event.data.agency;
  if (entry?.event.type === 'ConsultationConvened') return entry.event.data.convener;
  // The registration may itself be retracted: the convener is still the one it named.
  const registration = allEntries(state).find((e) => e.event.type === 'ConsultationConvened');
  return (
    state.inEffect.convened?.convener ??
    (registration?.event.type === 'ConsultationConvened' ? registration.event.data.convener : undefined)
  );
}

function mayRetract(context: CommandContext, target: RecordedEvent, state: ConsultationState): void {
  const owner = ownerOf(target, state);
  if (owner !== undefined) assertSpeaksFor(context, owner, 'correct this entry');
}

/** The commands of a consultation stream. */
export type ConsultationCommand = DomainCommandOf<
  'ConveneConsultation' | 'RecordAgencyView' | 'RecordConsultationOutcome' | 'CloseConsultation' | 'RetractEntry'
>;

export const consultationDecider: Decider<ConsultationCommand, ConsultationState> = {
  initialState: () => initialStreamState(nothingInEffect()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, nothingInEffect, apply),
  decide(command, state) {
    switch (command.type) {
      case 'ConveneConsultation':
        return convene(command, state);
      case 'RecordAgencyView':
        return recordView(command, state);
      case 'RecordConsultationOutcome':
        return recordOutcome(command, state);
      case 'CloseConsultation':
        return close(command, state);
      case 'RetractEntry':
        return decideRetraction(command, state, { mayRetract, dependents: creationHasNoDependents });
      default:
        return unhandled(command);
    }
  },
};
