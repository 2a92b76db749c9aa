// The command registry: for each command type, the stream it goes to, the decider of that stream kind,
// and the roles that may issue it. The application loads the stream, folds it with `decider.evolve`,
// calls `decider.decide` (or simply `decideOn`), and appends the events with the expected revision.
import type { CommandType, LedgerCommand, LedgerEvent, Role, StreamKind } from '../../contracts/index.js';
import { streamName, validateEvent } from '../../contracts/index.js';
import type { Decider, DomainCommand, RecordedEvent } from './decider.js';
import { fold } from './decider.js';
import { processDecider } from './process.js';
import { sessionDecider } from './session.js';
import { issueDecider } from './issue.js';
import { consultationDecider } from './consultation.js';
import { positionDecider } from './position.js';
import { allowedRoles } from './roles.js';

export * from './decider.js';
export * from './errors.js';
export { allowedRoles, mayIssue, producedBy } from './roles.js';
export { DEFAULT_COORDINATING_AGENCY } from './agency.js';
export type { ProcessState } from './process.js';
export type { SessionState } from './session.js';
export type { IssueState } from './issue.js';
export type { ConsultationState } from './consultation.js';
export type { PositionState } from './position.js';

/** State is opaque outside its decider: fold with the decider you got it from. */
export type AnyDecider = Decider<DomainCommand, LedgerEvent, unknown>;

export const deciders: Readonly<Record<StreamKind, AnyDecider>> = {
  process: processDecider,
  session: sessionDecider,
  issue: issueDecider,
  consultation: consultationDecider,
  position: positionDecider,
};

export interface RegistryEntry {
  readonly streamKind: (command: LedgerCommand) => StreamKind;
  /** e.g. "position-ahc-scope", "consultation-<uuid>". */
  readonly streamOf: (command: LedgerCommand) => string;
  readonly decider: (command: LedgerCommand) => AnyDecider;
  readonly allowedRoles: readonly Role[];
}

function on(kind: StreamKind, idOf: (command: LedgerCommand) => string, type: CommandType): RegistryEntry {
  return {
    streamKind: () => kind,
    streamOf: (command) => streamName(kind, idOf(command)),
    decider: () => deciders[kind],
    allowedRoles: allowedRoles[type],
  };
}

function field(name: 'processId' | 'sessionId' | 'issueId' | 'consultationId') {
  return (command: LedgerCommand): string => {
    const value: unknown = name in command ? Reflect.get(command, name) : undefined;
    if (typeof value !== 'string') throw new TypeError(`${command.type} has no ${name}`);
    return value;
  };
}

const retraction: RegistryEntry = {
  streamKind: (command) => (command.type === 'RetractEntry' ? command.stream.kind : 'process'),
  streamOf: (command) => (command.type === 'RetractEntry' ? streamName(command.stream.kind, command.stream.id) : ''),
  decider: (command) => deciders[command.type === 'RetractEntry' ? command.stream.kind : 'process'],
  allowedRoles: allowedRoles.RetractEntry,
};

export const commandRegistry: Readonly<Record<CommandType, RegistryEntry>> = {
  RegisterProcess: on('process', field('processId'), 'RegisterProcess'),
  RecordMilestone: on('process', field('processId'), 'RecordMilestone'),
  ScheduleSession: on('session', field('sessionId'), 'ScheduleSession'),
  RescheduleSession: on('session', field('sessionId'), 'RescheduleSession'),
  ConcludeSession: on('session', field('sessionId'), 'ConcludeSession'),
  RegisterIssue: on('issue', field('issueId'), 'RegisterIssue'),
  RetitleIssue: on('issue', field('issueId'), 'RetitleIssue'),
  ChangeDraftTextStatus: on('issue', field('issueId'), 'ChangeDraftTextStatus'),
  CloseIssue: on('issue', field('issueId'), 'CloseIssue'),
  ConveneConsultation: on('consultation', field('consultationId'), 'ConveneConsultation'),
  RecordAgencyView: on('consultation', field('consultationId'), 'RecordAgencyView'),
  RecordConsultationOutcome: on('consultation', field('consultationId'), 'RecordConsultationOutcome'),
  CloseConsultation: on('consultation', field('consultationId'), 'CloseConsultation'),
  DraftPosition: on('position', field('issueId'), 'DraftPosition'),
  EndorsePosition: on('position', field('issueId'), 'EndorsePosition'),
  WithdrawPosition: on('position', field('issueId'), 'WithdrawPosition'),
  RecordStatement: on('position', field('issueId'), 'RecordStatement'),
  RecordPositionOutcome: on('position', field('issueId'), 'RecordPositionOutcome'),
  RetractEntry: retraction,
};

/** The stream a command is appended to. */
export function streamOf(command: LedgerCommand): string {
  return commandRegistry[command.type].streamOf(command);
}

/** The decider for the command's stream kind. */
export function deciderOf(command: LedgerCommand): AnyDecider {
  return commandRegistry[command.type].decider(command);
}

/**
 * Fold the stream's history and decide. Returns the new events, each checked against its contract
 * (a decider bug surfaces here, not in the store). Throws DomainError when a rule says no.
 */
export function decideOn(command: DomainCommand, history: Iterable<RecordedEvent>): LedgerEvent[] {
  const decider = deciderOf(command);
  return decider.decide(command, fold(decider, history)).map(validateEvent);
}
