// Commands that name another stream (an issue's or session's process, a draft's issue, a consultation's
// process and agenda, a statement's session)
// may only name one that is on the ledger: the deciders see one stream each, so the ledger checks
// these before deciding. An unknown one is a DomainError kind not_found and nothing is appended.
import { streamName, type LedgerCommand, type StreamKind } from '../../contracts/index.js';
import { notFound } from '../domain/errors.js';
import type { LedgerStore } from '../store/adapter.js';

export interface Reference {
  kind: StreamKind;
  id: string;
  /** Where in the command the id is, for the error's details. */
  field: string;
}

export function referencesOf(command: LedgerCommand): Reference[] {
  switch (command.type) {
    case 'RegisterIssue':
    case 'ScheduleSession':
      return [{ kind: 'process', id: command.processId, field: 'processId' }];
    case 'DraftPosition':
      return [{ kind: 'issue', id: command.issueId, field: 'issueId' }];
    case 'ConveneConsultation': {
      const agenda = command.agenda.map((id, i): Reference => ({ kind: 'issue', id, field: `agenda/${i}` }));
      return command.processId === undefined ? agenda : [{ kind: 'process', id: command.processId, field: 'processId' }, ...agenda];
    }
    case 'RecordStatement':
      return [{ kind: 'session', id: command.sessionId, field: 'sessionId' }];
    default:
      return [];
  }
}

export async function assertReferencesExist(store: LedgerStore, command: LedgerCommand): Promise<void> {
  for (const ref of referencesOf(command)) {
    const read = await store.readStream(streamName(ref.kind, ref.id));
    if (read.revision === 'no_stream') {
      throw notFound(`${ref.kind}_not_found`, `${ref.kind} "${ref.id}" is not on the ledger; register it first`, {
        [`${ref.kind}Id`]: ref.id,
        field: ref.field,
      });
    }
  }
}
