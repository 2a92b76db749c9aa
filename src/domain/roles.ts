// Which roles may issue each command. Auditors issue none; admin issues all. Finer rules (who may act in
// another agency's name: src/domain/agency.ts) are enforced by the deciders. See docs/adr/0005-event-model.md.
import type { CommandType, LedgerEventType, Principal, Role } from '../../contracts/index.js';

const NEGOTIATION: readonly Role[] = ['negotiator', 'admin'];
const CONSULTATION: readonly Role[] = ['agency-officer', 'negotiator', 'admin'];
const APPROVAL: readonly Role[] = ['approver', 'admin'];

export const allowedRoles: Readonly<Record<CommandType, readonly Role[]>> = {
  RegisterProcess: NEGOTIATION,
  RecordMilestone: NEGOTIATION,
  ScheduleSession: NEGOTIATION,
  RescheduleSession: NEGOTIATION,
  ConcludeSession: NEGOTIATION,
  RegisterIssue: NEGOTIATION,
  RetitleIssue: NEGOTIATION,
  ChangeDraftTextStatus: NEGOTIATION,
  CloseIssue: NEGOTIATION,
  RecordFollowUp: NEGOTIATION,
  ChangeFollowUpStatus: NEGOTIATION,
  ConveneConsultation: CONSULTATION,
  RecordAgencyView: CONSULTATION,
  RecordConsultationOutcome: CONSULTATION,
  CloseConsultation: CONSULTATION,
  DraftPosition: NEGOTIATION,
  EndorsePosition: APPROVAL,
  WithdrawPosition: APPROVAL,
  RecordStatement: NEGOTIATION,
  RecordPositionOutcome: NEGOTIATION,
  // Anyone who writes may correct; the decider narrows it to what the actor's roles could have written.
  RetractEntry: ['agency-officer', 'negotiator', 'approver', 'admin'],
};

/** The command that produces each event type (to decide who may retract it). */
export const producedBy: Readonly<Record<LedgerEventType, CommandType>> = {
  NegotiationProcessRegistered: 'RegisterProcess',
  MilestoneRecorded: 'RecordMilestone',
  SessionScheduled: 'ScheduleSession',
  SessionRescheduled: 'RescheduleSession',
  SessionConcluded: 'ConcludeSession',
  IssueRegistered: 'RegisterIssue',
  IssueRetitled: 'RetitleIssue',
  DraftTextStatusChanged: 'ChangeDraftTextStatus',
  IssueClosed: 'CloseIssue',
  FollowUpRecorded: 'RecordFollowUp',
  FollowUpStatusChanged: 'ChangeFollowUpStatus',
  ConsultationConvened: 'ConveneConsultation',
  AgencyViewRecorded: 'RecordAgencyView',
  ConsultationOutcomeRecorded: 'RecordConsultationOutcome',
  ConsultationClosed: 'CloseConsultation',
  PositionDrafted: 'DraftPosition',
  PositionEndorsed: 'EndorsePosition',
  PositionWithdrawn: 'WithdrawPosition',
  StatementDelivered: 'RecordStatement',
  PositionOutcomeRecorded: 'RecordPositionOutcome',
  EntryRetracted: 'RetractEntry',
};

export function mayIssue(principal: Principal, command: CommandType): boolean {
  return principal.roles.some((role) => allowedRoles[command].includes(role));
}
