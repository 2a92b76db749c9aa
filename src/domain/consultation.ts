// consultation-<uuid>: an interagency consultation. Agency views, outcomes per agenda issue, closure.
// Nothing new is added to a closed consultation; a correction (retraction) still is, and retracting the
// closure reopens it.
import type { Agency, EventData, LedgerEvent, Principal } from '../../contracts/index.js';
import type { Decider, DomainCommand, DomainCommandOf } from './decider.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { speaksForAnyAgency } from './roles.js';
import type { Entry, StreamState } from './stream.js';
import { creationHasNoDependents, decideRetraction, evolveStream, initialStreamState } from './stream.js';

export interface ViewRef {
  readonly eventId: string;
  readonly agency: Agency;
  readonly issueId: string;
}

export interface ConsultationView {
  readonly convened?: EventData<'ConsultationConvened'>;
  /** Latest view per (agency, issue), superseded ones dropped. */
  readonly views: readonly ViewRef[];
  /** Issue id -> event id of its outcome. */
  readonly outcomes: ReadonlyMap<string, string>;
  readonly closed?: EventData<'ConsultationClosed'>;
}
export type ConsultationState = StreamState<ConsultationView>;

const initialView = (): ConsultationView => ({ views: [], outcomes: new Map() });

function apply(view: ConsultationView, { event, eventId }: Entry): ConsultationView {
  switch (event.type) {
    case 'ConsultationConvened':
      return { ...view, convened: event.data };
    case 'AgencyViewRecorded': {
      const { agency, issueId } = event.data;
      const others = view.views.filter((v) => !(v.agency === agency && v.issueId === issueId));
      return { ...view, views: [...others, { eventId, agency, issueId }] };
    }
    case 'ConsultationOutcomeRecorded':
      return { ...view, outcomes: new Map(view.outcomes).set(event.data.issueId, eventId) };
    case 'ConsultationClosed':
      return { ...view, closed: event.data };
    default:
      return view;
  }
}

/** The consultation, convened and still open. */
function open(state: ConsultationState, consultationId: string): EventData<'ConsultationConvened'> {
  const convened = state.view.convened;
  if (!convened) throw notFound('consultation_not_found', `no consultation ${consultationId}`, { consultationId });
  if (state.view.closed) throw conflict('consultation_closed', `consultation ${consultationId} is closed: nothing more is added to it`, { consultationId });
  return convened;
}

function onAgenda(convened: EventData<'ConsultationConvened'>, issueId: string): void {
  if (!convened.agenda.includes(issueId)) {
    throw conflict('issue_not_on_agenda', `issue "${issueId}" is not on this consultation's agenda`, { issueId, agenda: convened.agenda });
  }
}

function participants(convened: EventData<'ConsultationConvened'>, agencies: readonly Agency[]): void {
  const outsiders = agencies.filter((a) => !convened.participants.includes(a));
  if (outsiders.length > 0) {
    throw conflict('agency_not_participant', `${outsiders.join(', ')} did not take part in this consultation`, { agencies: outsiders });
  }
}

/** An agency officer (without the MFA desk roles) acts only for the convening agency. */
function convenerOnly(actor: Principal, convened: EventData<'ConsultationConvened'>, code: string): void {
  if (!speaksForAnyAgency(actor) && actor.agency !== convened.convener) {
    throw forbidden(code, `only the convener (${convened.convener}) records this; you act for ${actor.agency}`, { convener: convened.convener });
  }
}

function convene(command: DomainCommandOf<'ConveneConsultation'>, state: ConsultationState): LedgerEvent[] {
  if (state.view.convened) throw conflict('consultation_already_convened', `consultation ${command.consultationId} already exists`);
  const actor = command.context.actor;
  if (!speaksForAnyAgency(actor) && actor.agency !== command.convener) {
    throw forbidden('convene_as_own_agency_only', `you act for ${actor.agency} and cannot convene for ${command.convener}`);
  }
  if (!command.participants.includes(command.convener)) {
    throw invalid('convener_not_participant', `the convener ${command.convener} must be among the participants`);
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationConvened', data }];
}

function recordView(command: DomainCommandOf<'RecordAgencyView'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  const actor = command.context.actor;
  if (!speaksForAnyAgency(actor) && actor.agency !== command.agency) {
    throw forbidden('view_for_own_agency_only', `you act for ${actor.agency} and cannot record a view for ${command.agency}`, { agency: command.agency });
  }
  onAgenda(convened, command.issueId);
  participants(convened, [command.agency]);
  const earlier = state.view.views.find((v) => v.agency === command.agency && v.issueId === command.issueId);
  const { type: _type, context: _context, ...rest } = command;
  const data: EventData<'AgencyViewRecorded'> = {
    ...rest,
    attestation: actor.agency === command.agency ? 'agency' : 'minutes',
    ...(earlier ? { supersedes: earlier.eventId } : {}),
  };
  return [{ type: 'AgencyViewRecorded', data }];
}

function recordOutcome(command: DomainCommandOf<'RecordConsultationOutcome'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  convenerOnly(command.context.actor, convened, 'outcome_by_convener_only');
  onAgenda(convened, command.issueId);
  if (state.view.outcomes.has(command.issueId)) {
    throw conflict('outcome_already_recorded', `an outcome on "${command.issueId}" is already recorded; retract it to record another`, {
      eventId: state.view.outcomes.get(command.issueId),
    });
  }
  participants(convened, [...command.supporting, ...command.dissenting]);
  const both = command.supporting.filter((a) => command.dissenting.includes(a));
  if (both.length > 0) throw invalid('agency_both_supporting_and_dissenting', `${both.join(', ')} cannot both support and dissent`);
  if (command.outcome === 'consensus' && command.dissenting.length > 0) {
    throw invalid('consensus_with_dissent', 'a consensus has no dissenting agencies: record a majority instead');
  }
  if ((command.outcome === 'consensus' || command.outcome === 'majority') && command.recommendedStance === undefined) {
    throw invalid('recommended_stance_required', `a ${command.outcome} outcome states the stance it recommends`);
  }
  const ids = command.followUps.map((f) => f.id);
  if (new Set(ids).size !== ids.length) throw invalid('duplicate_follow_up', 'follow-up ids must be unique');
  participants(convened, command.followUps.map((f) => f.owner));
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationOutcomeRecorded', data }];
}

function close(command: DomainCommandOf<'CloseConsultation'>, state: ConsultationState): LedgerEvent[] {
  const convened = open(state, command.consultationId);
  convenerOnly(command.context.actor, convened, 'close_by_convener_only');
  if (command.on < convened.heldOn) {
    throw invalid('closed_before_held', `the consultation was held on ${convened.heldOn}; it cannot close on ${command.on}`);
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'ConsultationClosed', data }];
}

function mayRetract(actor: Principal, target: Entry, state: ConsultationState): void {
  if (speaksForAnyAgency(actor)) return;
  if (target.event.type === 'AgencyViewRecorded' && target.event.data.agency !== actor.agency) {
    throw forbidden('retract_own_agency_only', `you act for ${actor.agency} and cannot retract ${target.event.data.agency}'s view`);
  }
  if (target.event.type !== 'AgencyViewRecorded' && state.view.convened?.convener !== actor.agency) {
    throw forbidden('retract_own_agency_only', `only the convener corrects the record of this consultation`);
  }
}

export const consultationDecider: Decider<DomainCommand, LedgerEvent, ConsultationState> = {
  initialState: () => initialStreamState(initialView()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, initialView, apply),
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
        throw invalid('command_not_for_stream', `${command.type} does not apply to a consultation stream`);
    }
  },
};
