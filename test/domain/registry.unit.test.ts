import t from 'tap';
import type { CommandInputOf, CommandType, StreamKind } from '../../contracts/index.js';
import {
  COMMAND_TYPES,
  LedgerCommand,
  ROLES,
  commandSchemas,
  parseStreamName,
  streamName,
} from '../../contracts/index.js';
import { allowedRoles, deciderFor, mayIssue, streamOf } from '../../src/domain/index.js';
import { actors } from './spec.js';
import {
  CONSULTATION,
  bi,
  closeConsultation,
  consensus,
  convene,
  draft,
  endorse,
  oagView,
  registerIssue,
  registerProcess,
  retract,
  scheduleSession,
} from './fixtures.js';

/** One command of every type (the mapped type makes a missing one a compile error), with the stream kind it goes to. */
const everyCommand: { [T in CommandType]: [CommandInputOf<T>, StreamKind] } = {
  RegisterProcess: [registerProcess, 'process'],
  RecordMilestone: [
    { type: 'RecordMilestone', processId: 'ahc', milestone: 'text-adopted', on: '2024-08-08' },
    'process',
  ],
  ScheduleSession: [scheduleSession, 'session'],
  RescheduleSession: [
    { type: 'RescheduleSession', sessionId: 'ahc-1', from: '2022-03-01', to: '2022-03-12' },
    'session',
  ],
  ConcludeSession: [{ type: 'ConcludeSession', sessionId: 'ahc-1', on: '2022-03-11', result: 'completed' }, 'session'],
  RegisterIssue: [registerIssue, 'issue'],
  RetitleIssue: [{ type: 'RetitleIssue', issueId: 'scope', title: bi('Scope') }, 'issue'],
  ChangeDraftTextStatus: [
    { type: 'ChangeDraftTextStatus', issueId: 'scope', status: 'bracketed', on: '2022-03-11' },
    'issue',
  ],
  RecordFollowUp: [
    { type: 'RecordFollowUp', issueId: 'scope', followUpId: 'commitment-1', action: { th: 'ติดตาม', en: 'Follow up' } },
    'issue',
  ],
  ChangeFollowUpStatus: [
    { type: 'ChangeFollowUpStatus', issueId: 'scope', followUpId: 'commitment-1', status: 'done', on: '2026-01-05' },
    'issue',
  ],
  CloseIssue: [{ type: 'CloseIssue', issueId: 'scope', on: '2024-08-08', reason: bi('adopted') }, 'issue'],
  ConveneConsultation: [convene, 'consultation'],
  RecordAgencyView: [oagView, 'consultation'],
  RecordConsultationOutcome: [consensus, 'consultation'],
  CloseConsultation: [closeConsultation, 'consultation'],
  DraftPosition: [draft(), 'position'],
  EndorsePosition: [endorse(1, 'mfa'), 'position'],
  WithdrawPosition: [{ type: 'WithdrawPosition', issueId: 'scope', version: 1, reason: bi('superseded') }, 'position'],
  RecordStatement: [
    {
      type: 'RecordStatement',
      issueId: 'scope',
      sessionId: 'ahc-1',
      deliveredOn: '2022-03-01',
      summary: bi('statement'),
    },
    'position',
  ],
  RecordPositionOutcome: [{ type: 'RecordPositionOutcome', issueId: 'scope', result: 'reflected' }, 'position'],
  RetractEntry: [retract('session', 'ahc-1', CONSULTATION), 'session'],
};

t.test('every command type goes to a stream of its kind, and has a schema and allowed roles', async (t) => {
  for (const type of COMMAND_TYPES) {
    const [input, kind] = everyCommand[type];
    const command = LedgerCommand.parse(input);
    t.equal(command.type, type);
    t.equal(parseStreamName(deciderFor(command).streamName)?.kind, kind, type);
    t.ok(commandSchemas[type], type);
    t.ok(allowedRoles[type].length > 0, type);
  }
});

t.test('an auditor may issue no command at all', async (t) => {
  for (const type of COMMAND_TYPES) t.notOk(mayIssue(actors.auditor, type), type);
});

t.test('an admin may issue every command', async (t) => {
  for (const type of COMMAND_TYPES) t.ok(mayIssue(actors.admin, type), type);
});

t.test('roles map to the commands a negotiator, approver and agency officer expect', async (t) => {
  const expectations: Array<[keyof typeof actors, CommandType, boolean]> = [
    ['negotiator', 'DraftPosition', true],
    ['negotiator', 'EndorsePosition', false],
    ['negotiator', 'RecordAgencyView', true],
    ['approver', 'EndorsePosition', true],
    ['approver', 'WithdrawPosition', true],
    ['approver', 'DraftPosition', false],
    ['oag', 'RecordAgencyView', true],
    ['oag', 'RecordConsultationOutcome', true],
    ['oag', 'DraftPosition', false],
    ['oag', 'RegisterIssue', false],
    ['oag', 'EndorsePosition', false],
  ];
  for (const [who, type, allowed] of expectations) {
    t.equal(mayIssue(actors[who], type), allowed, `${who} ${allowed ? 'may' : 'may not'} ${type}`);
  }
});

t.test('no role outside the role list appears in the table', async (t) => {
  for (const type of COMMAND_TYPES)
    for (const role of allowedRoles[type]) t.ok(ROLES.includes(role), `${type}: ${role}`);
});

t.test('names the stream each command goes to', async (t) => {
  t.equal(streamOf(commandSchemas.RegisterProcess.parse(registerProcess)), 'process-ahc');
  t.equal(streamOf(commandSchemas.ScheduleSession.parse(scheduleSession)), 'session-ahc-1');
  t.equal(streamOf(commandSchemas.RegisterIssue.parse(registerIssue)), 'issue-scope');
  t.equal(streamOf(commandSchemas.ConveneConsultation.parse(convene)), `consultation-${CONSULTATION}`);
  t.equal(streamOf(commandSchemas.DraftPosition.parse(draft())), 'position-scope');
  t.equal(
    streamOf(
      commandSchemas.RetractEntry.parse({
        type: 'RetractEntry',
        stream: { kind: 'issue', id: 'scope' },
        targetEventId: CONSULTATION,
        reason: bi('x'),
      }),
    ),
    streamName('issue', 'scope'),
  );
});
