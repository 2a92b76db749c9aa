// issue-<issueId>: an issue under negotiation, its title, the status of its draft text, its follow-ups,
// its closure.
import type {
  Bilingual,
  DraftTextStatus,
  EventData,
  FollowUpStatus,
  LedgerEvent,
  RecordedEvent,
} from '../../contracts/index.js';
import { sameJson } from '../../contracts/index.js';
import type { Decider, DomainCommandOf } from './decider.js';
import { unhandled } from './decider.js';
import { conflict, invalid, notFound } from './errors.js';
import type { StreamState } from './stream.js';
import { creationHasNoDependents, decideRetraction, evolveStream, initialStreamState } from './stream.js';

export interface IssueInEffect {
  readonly registered?: EventData<'IssueRegistered'>;
  readonly title?: Bilingual;
  readonly status?: DraftTextStatus;
  readonly closed?: EventData<'IssueClosed'>;
  /** Each follow-up recorded on the issue and where it stands. */
  readonly followUps?: Readonly<Record<string, FollowUpStatus>>;
}
export type IssueState = StreamState<IssueInEffect>;

const nothingInEffect = (): IssueInEffect => ({});

function apply(inEffect: IssueInEffect, { event }: RecordedEvent): IssueInEffect {
  switch (event.type) {
    case 'IssueRegistered':
      return { ...inEffect, registered: event.data, title: event.data.title };
    case 'IssueRetitled':
      return { ...inEffect, title: event.data.title };
    case 'DraftTextStatusChanged':
      return { ...inEffect, status: event.data.status };
    case 'IssueClosed':
      return { ...inEffect, closed: event.data };
    case 'FollowUpRecorded':
      return { ...inEffect, followUps: { ...inEffect.followUps, [event.data.followUpId]: 'open' } };
    case 'FollowUpStatusChanged':
      return { ...inEffect, followUps: { ...inEffect.followUps, [event.data.followUpId]: event.data.status } };
    default:
      return inEffect;
  }
}

function openIssue(state: IssueState, issueId: string): EventData<'IssueRegistered'> {
  if (!state.inEffect.registered) throw notFound('issue_not_found', `no issue "${issueId}"`, { issueId });
  if (state.inEffect.closed) throw conflict('issue_closed', `issue "${issueId}" is closed`, { issueId });
  return state.inEffect.registered;
}

function registerIssue(command: DomainCommandOf<'RegisterIssue'>, state: IssueState): LedgerEvent[] {
  if (state.inEffect.registered)
    throw conflict('issue_already_registered', `issue "${command.issueId}" is already registered`);
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'IssueRegistered', data }];
}

function retitleIssue(command: DomainCommandOf<'RetitleIssue'>, state: IssueState): LedgerEvent[] {
  openIssue(state, command.issueId);
  const current = state.inEffect.title;
  if (current && sameJson(current, command.title)) {
    throw invalid('title_unchanged', 'the issue already has this title');
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'IssueRetitled', data }];
}

function changeStatus(command: DomainCommandOf<'ChangeDraftTextStatus'>, state: IssueState): LedgerEvent[] {
  openIssue(state, command.issueId);
  const from = state.inEffect.status;
  if (from === 'adopted')
    throw conflict('text_already_adopted', 'the text of this issue is adopted; its status no longer changes');
  if (from === command.status)
    throw conflict('status_unchanged', `the draft text is already "${from}"`, { status: from });
  const { type: _type, context: _context, ...rest } = command;
  return [{ type: 'DraftTextStatusChanged', data: { ...rest, ...(from ? { from } : {}) } }];
}

function recordFollowUp(command: DomainCommandOf<'RecordFollowUp'>, state: IssueState): LedgerEvent[] {
  openIssue(state, command.issueId);
  if (state.inEffect.followUps?.[command.followUpId] !== undefined) {
    throw conflict(
      'follow_up_already_recorded',
      `issue "${command.issueId}" already has a follow-up "${command.followUpId}"`,
      { followUpId: command.followUpId },
    );
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'FollowUpRecorded', data }];
}

function changeFollowUpStatus(command: DomainCommandOf<'ChangeFollowUpStatus'>, state: IssueState): LedgerEvent[] {
  const from = state.inEffect.followUps?.[command.followUpId];
  if (from === undefined)
    throw notFound('follow_up_not_found', `issue "${command.issueId}" has no follow-up "${command.followUpId}"`, {
      followUpId: command.followUpId,
    });
  if (from === command.status)
    throw conflict('follow_up_status_unchanged', `the follow-up is already "${from}"`, { status: from });
  const { type: _type, context: _context, ...rest } = command;
  return [{ type: 'FollowUpStatusChanged', data: { ...rest, from } }];
}

function closeIssue(command: DomainCommandOf<'CloseIssue'>, state: IssueState): LedgerEvent[] {
  if (!state.inEffect.registered) throw notFound('issue_not_found', `no issue "${command.issueId}"`);
  if (state.inEffect.closed) throw conflict('issue_already_closed', `issue "${command.issueId}" is already closed`);
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'IssueClosed', data }];
}

/** The commands of an issue stream. */
export type IssueCommand = DomainCommandOf<
  | 'RegisterIssue'
  | 'RetitleIssue'
  | 'ChangeDraftTextStatus'
  | 'CloseIssue'
  | 'RecordFollowUp'
  | 'ChangeFollowUpStatus'
  | 'RetractEntry'
>;

export const issueDecider: Decider<IssueCommand, IssueState> = {
  initialState: () => initialStreamState(nothingInEffect()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, nothingInEffect, apply),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterIssue':
        return registerIssue(command, state);
      case 'RetitleIssue':
        return retitleIssue(command, state);
      case 'ChangeDraftTextStatus':
        return changeStatus(command, state);
      case 'CloseIssue':
        return closeIssue(command, state);
      case 'RecordFollowUp':
        return recordFollowUp(command, state);
      case 'ChangeFollowUpStatus':
        return changeFollowUpStatus(command, state);
      case 'RetractEntry':
        return decideRetraction(command, state, { dependents: creationHasNoDependents });
      default:
        return unhandled(command);
    }
  },
};
