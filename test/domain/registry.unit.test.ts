import t from 'tap';
import type { CommandType } from '../../contracts/index.js';
import { COMMAND_TYPES, ROLES, commandSchemas, streamName } from '../../contracts/index.js';
import { allowedRoles, commandRegistry, mayIssue, streamOf } from '../../src/domain/index.js';
import { actors } from './spec.js';
import { CONSULTATION, bi, convene, draft, registerIssue, registerProcess, scheduleSession } from './fixtures.js';

t.test('every command type has a registry entry, a schema and allowed roles', async (t) => {
  for (const type of COMMAND_TYPES) {
    t.ok(commandRegistry[type], type);
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
  for (const type of COMMAND_TYPES) for (const role of allowedRoles[type]) t.ok(ROLES.includes(role), `${type}: ${role}`);
});

t.test('names the stream each command goes to', async (t) => {
  t.equal(streamOf(commandSchemas.RegisterProcess.parse(registerProcess)), 'process-ahc');
  t.equal(streamOf(commandSchemas.ScheduleSession.parse(scheduleSession)), 'session-ahc-1');
  t.equal(streamOf(commandSchemas.RegisterIssue.parse(registerIssue)), 'issue-scope');
  t.equal(streamOf(commandSchemas.ConveneConsultation.parse(convene)), `consultation-${CONSULTATION}`);
  t.equal(streamOf(commandSchemas.DraftPosition.parse(draft())), 'position-scope');
  t.equal(
    streamOf(commandSchemas.RetractEntry.parse({ type: 'RetractEntry', stream: { kind: 'issue', id: 'scope' }, targetEventId: CONSULTATION, reason: bi('x') })),
    streamName('issue', 'scope'),
  );
});
