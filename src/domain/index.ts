// The domain's front door: which stream each command goes to and which decider decides it there.
// The application asks `deciderFor(command)` for the command's stream and its decider bound to the
// command, reads that stream, folds it (`fold`), decides (`decide(state, context)`) and appends the
// events with the revision it read as the expected revision.
import {
  streamName,
  validateEvent,
  type LedgerCommand,
  type LedgerEvent,
  type StreamKind,
} from '../../contracts/index.js';
import type { CommandContext, Decider, DomainCommand, EventMeta, RecordedEvent } from './decider.js';
import { fold } from './decider.js';
import { consultationDecider } from './consultation.js';
import { issueDecider } from './issue.js';
import { positionDecider } from './position.js';
import { processDecider } from './process.js';
import { sessionDecider } from './session.js';

export * from './decider.js';
export * from './errors.js';
export { allowedRoles, mayIssue, producedBy } from './roles.js';
export { DEFAULT_COORDINATING_AGENCY } from './agency.js';
export type { ProcessCommand, ProcessState } from './process.js';
export type { SessionCommand, SessionState } from './session.js';
export type { IssueCommand, IssueState } from './issue.js';
export type { ConsultationCommand, ConsultationState } from './consultation.js';
export type { PositionCommand, PositionState } from './position.js';

/**
 * A command bound to the decider of the stream it goes to. The state is the decider's own, opaque
 * outside it: fold it with this same object.
 */
export interface CommandDecider<S = unknown> {
  /** e.g. "position-ahc-scope", "consultation-<uuid>". */
  readonly streamName: string;
  initialState(): S;
  evolve(state: S, event: LedgerEvent, meta: EventMeta): S;
  /** The command's events given the stream's folded state; throws DomainError when a rule says no. */
  decide(state: S, context: CommandContext): LedgerEvent[];
}

function bind<C extends LedgerCommand, S>(
  decider: Decider<C & { readonly context: CommandContext }, S>,
  kind: StreamKind,
  id: string,
  command: C,
): CommandDecider<S> {
  return {
    streamName: streamName(kind, id),
    initialState: () => decider.initialState(),
    evolve: (state, event, meta) => decider.evolve(state, event, meta),
    decide: (state, context) => decider.decide({ ...command, context }, state),
  };
}

/**
 * The command's stream and that stream's decider: each command type has one stream kind; a retraction goes to the
 * stream it names.
 */
export function deciderFor(command: LedgerCommand): CommandDecider {
  switch (command.type) {
    case 'RegisterProcess':
    case 'RecordMilestone':
      return bind(processDecider, 'process', command.processId, command);
    case 'ScheduleSession':
    case 'RescheduleSession':
    case 'ConcludeSession':
      return bind(sessionDecider, 'session', command.sessionId, command);
    case 'RegisterIssue':
    case 'RetitleIssue':
    case 'ChangeDraftTextStatus':
    case 'CloseIssue':
    case 'RecordFollowUp':
    case 'ChangeFollowUpStatus':
      return bind(issueDecider, 'issue', command.issueId, command);
    case 'ConveneConsultation':
    case 'RecordAgencyView':
    case 'RecordConsultationOutcome':
    case 'CloseConsultation':
      return bind(consultationDecider, 'consultation', command.consultationId, command);
    case 'DraftPosition':
    case 'EndorsePosition':
    case 'WithdrawPosition':
    case 'RecordStatement':
    case 'RecordPositionOutcome':
      return bind(positionDecider, 'position', command.issueId, command);
    case 'RetractEntry': {
      const { kind, id } = command.stream;
      switch (kind) {
        case 'process':
          return bind(processDecider, kind, id, command);
        case 'session':
          return bind(sessionDecider, kind, id, command);
        case 'issue':
          return bind(issueDecider, kind, id, command);
        case 'consultation':
          return bind(consultationDecider, kind, id, command);
        case 'position':
          return bind(positionDecider, kind, id, command);
      }
    }
  }
}

/** The stream a command is appended to. */
export function streamOf(command: LedgerCommand): string {
  return deciderFor(command).streamName;
}

/**
 * Fold the stream's history and decide. Returns the new events, each checked against its contract
 * (a decider bug surfaces here, not in the store). Throws DomainError when a rule says no.
 */
export function decideOn(command: DomainCommand, history: Iterable<RecordedEvent>): LedgerEvent[] {
  const decider = deciderFor(command);
  return decider.decide(fold(decider, history), command.context).map(validateEvent);
}
