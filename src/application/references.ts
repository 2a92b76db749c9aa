// Commands that name another stream may only name one that is on the ledger: an issue's or session's
// process, a consultation's process and agenda, a position command's issue, a statement's session, a
// draft-text status change's session, a draft's basis (its consultations, and the views, outcomes or
// earlier drafts it rests on). What must belong to one negotiation does (a statement's issue and
// session, a consultation's process and agenda). The deciders see one stream each, so the ledger
// checks these before deciding. An unknown one is a DomainError (kind not_found, or invalid/conflict for a basis event
// that
// exists but cannot be a basis) and nothing is appended.
import {
  streamName,
  type CommandOf,
  type LedgerCommand,
  type LedgerEvent,
  type StreamKind,
} from '../../contracts/index.js';
import { checkBasis } from '../domain/basis.js';
import { consultationDecider, type ConsultationState } from '../domain/consultation.js';
import { fold } from '../domain/index.js';
import { invalid, notFound } from '../domain/errors.js';
import { positionDecider } from '../domain/position.js';
import type { LedgerStore } from '../store/adapter.js';
import { toStreamEvent } from './stream-event.js';

/** A stream a command names (its process, issue, session, consultation), which must be on the ledger. */
export interface StreamReference {
  kind: StreamKind;
  id: string;
  /** Where in the command the id is, for the error's details. */
  field: string;
}

const issueOf = (command: { issueId: string }): StreamReference => ({
  kind: 'issue',
  id: command.issueId,
  field: 'issueId',
});

export function referencesOf(command: LedgerCommand): StreamReference[] {
  switch (command.type) {
    case 'RegisterIssue':
    case 'ScheduleSession':
      return [{ kind: 'process', id: command.processId, field: 'processId' }];
    case 'ChangeDraftTextStatus':
      return command.sessionId === undefined
        ? []
        : [issueOf(command), { kind: 'session', id: command.sessionId, field: 'sessionId' }];
    case 'DraftPosition':
      return [issueOf(command)]; // and its basis: assertBasis
    case 'EndorsePosition':
    case 'WithdrawPosition':
    case 'RecordPositionOutcome':
      return [issueOf(command)];
    case 'ConveneConsultation': {
      const agenda = command.agenda.map((id, i): StreamReference => ({ kind: 'issue', id, field: `agenda/${i}` }));
      return command.processId === undefined
        ? agenda
        : [{ kind: 'process', id: command.processId, field: 'processId' }, ...agenda];
    }
    case 'RecordStatement':
      return [issueOf(command), { kind: 'session', id: command.sessionId, field: 'sessionId' }];
    default:
      return [];
  }
}

async function assertBasis(store: LedgerStore, command: CommandOf<'DraftPosition'>): Promise<void> {
  const { consultationIds, eventIds } = command.basis;
  if (consultationIds.length === 0 && eventIds.length === 0) return;
  const history = async (name: string) => (await store.readStream(name)).events.map(toStreamEvent);
  const consultations = new Map<string, ConsultationState>();
  for (const id of consultationIds)
    consultations.set(id, fold(consultationDecider, await history(streamName('consultation', id))));
  // Earlier drafts are looked up only when there is an event id to look up.
  const position = fold(
    positionDecider,
    eventIds.length === 0 ? [] : await history(streamName('position', command.issueId)),
  );
  checkBasis(command.issueId, command.basis, { consultations, position });
}

/** The process an issue or session belongs to, from its first event (undefined for other kinds). */
function processOf(first: LedgerEvent | undefined): string | undefined {
  if (first?.type === 'IssueRegistered' || first?.type === 'SessionScheduled') return first.data.processId;
  return undefined;
}

/**
 * Things that must belong to one negotiation: a statement's issue and session, a draft-text status's
 * issue and the session it was reached at, a consultation's process and its agenda issues.
 */
function sameProcessPairs(command: LedgerCommand): Array<[string, string]> {
  switch (command.type) {
    case 'RecordStatement':
      return [['issueId', 'sessionId']];
    case 'ChangeDraftTextStatus':
      return command.sessionId === undefined ? [] : [['issueId', 'sessionId']];
    case 'ConveneConsultation':
      return command.processId === undefined
        ? []
        : command.agenda.map((_, i): [string, string] => ['processId', `agenda/${i}`]);
    default:
      return [];
  }
}

export async function assertReferencesExist(store: LedgerStore, command: LedgerCommand): Promise<void> {
  const processes = new Map<string, string>();
  for (const ref of referencesOf(command)) {
    const read = await store.readStream(streamName(ref.kind, ref.id));
    const first = read.events[0];
    if (first === undefined) {
      throw notFound(
        `${ref.kind}_not_found`,
        `${ref.kind} "${ref.id}" is not on the ledger; ${ref.kind === 'consultation' ? 'convene' : ref.kind === 'session' ? 'schedule' : 'register'} it first`,
        {
          [`${ref.kind}Id`]: ref.id,
          field: ref.field,
        },
      );
    }
    const process = ref.kind === 'process' ? ref.id : processOf(toStreamEvent(first).event);
    if (process !== undefined) processes.set(ref.field, process);
  }
  for (const [a, b] of sameProcessPairs(command)) {
    const left = processes.get(a);
    const right = processes.get(b);
    if (left !== undefined && right !== undefined && left !== right) {
      throw invalid(
        'different_process',
        `${b} belongs to process "${right}", but ${a} to process "${left}": both must be of the same negotiation`,
        {
          field: b,
          processId: right,
          expectedProcessId: left,
        },
      );
    }
  }
  if (command.type === 'DraftPosition') await assertBasis(store, command);
}
