import t from 'tap';
import { actors, given, history, id } from './spec.js';
import { CONSULTATION, bi, consensus, convene, draft, endorse, registerIssue, retract } from './fixtures.js';
import { consultationDecider } from '../../src/domain/consultation.js';
import { positionDecider } from '../../src/domain/position.js';
import { processDecider } from '../../src/domain/process.js';
import { sessionDecider } from '../../src/domain/session.js';

const retitle = (en: string) => ({ type: 'RetitleIssue' as const, issueId: 'scope', title: bi(en) });

t.test('retracts an existing event of the same stream, with a reason, naming its type', async (t) => {
  given(history(registerIssue, retitle('Scope')))
    .when(retract('issue', 'scope', id(2)))
    .then(t, [
      {
        type: 'EntryRetracted',
        data: { targetEventId: id(2), targetType: 'IssueRetitled', reason: bi('entered by mistake') },
      },
    ]);
});

t.test('refuses a retraction without a reason (contract)', async (t) => {
  t.throws(() =>
    given(history(registerIssue)).when({ ...retract('issue', 'scope', id(1)), reason: { th: '', en: '' } }),
  );
});

t.test('refuses to retract an event that is not in the stream', async (t) => {
  given(history(registerIssue))
    .when(retract('issue', 'scope', id(42)))
    .thenFails(t, 'retraction_target_not_found', 'not_found');
});

t.test('refuses to retract the same event twice', async (t) => {
  given(history(registerIssue, retitle('Scope'), retract('issue', 'scope', id(2))))
    .when(retract('issue', 'scope', id(2)))
    .thenFails(t, 'already_retracted', 'conflict');
});

t.test('never retracts a retraction silently', async (t) => {
  const past = history(registerIssue, retitle('Scope'), retract('issue', 'scope', id(2)));
  given(past)
    .when(retract('issue', 'scope', id(3)))
    .thenFails(t, 'retraction_of_retraction_needs_reinstate', 'invalid');
  given(past)
    .when(retract('issue', 'scope', id(3), true))
    .then(t, [
      {
        type: 'EntryRetracted',
        data: {
          targetEventId: id(3),
          targetType: 'EntryRetracted',
          reason: bi('entered by mistake'),
          reinstates: id(2),
        },
      },
    ]);
});

t.test('refuses reinstate when the target is not a retraction', async (t) => {
  given(history(registerIssue, retitle('Scope')))
    .when(retract('issue', 'scope', id(2), true))
    .thenFails(t, 'reinstate_needs_a_retraction', 'invalid');
});

t.test('retracting a retraction puts the original entry back in effect', async (t) => {
  const past = history(
    registerIssue,
    retitle('Scope'),
    retract('issue', 'scope', id(2)),
    retract('issue', 'scope', id(3), true),
  );
  given(past).when(retitle('Scope')).thenFails(t, 'title_unchanged');
  // and the reinstated entry can be retracted again
  given(past)
    .when(retract('issue', 'scope', id(2)))
    .thenEvents(t, ([e]) => t.equal(e?.type, 'EntryRetracted'));
});

t.test('a reinstated endorsement counts again', async (t) => {
  const past = history(
    draft('listening'),
    endorse(1, 'cabinet'),
    retract('position', 'scope', id(2)),
    retract('position', 'scope', id(3), true),
    draft('support'),
  );
  given(past).when(endorse(2, 'mfa')).thenFails(t, 'cabinet_authority_required');
});

t.test('an agency officer cannot retract what their role could not have written', async (t) => {
  given(history(registerIssue, retitle('Scope')))
    .when(retract('issue', 'scope', id(2)), actors.oag)
    .thenFails(t, 'not_allowed_to_retract', 'forbidden');
});

t.test('every stream decider refuses commands of another stream kind', async (t) => {
  const command = {
    type: 'RetitleIssue' as const,
    issueId: 'scope',
    title: bi('x'),
    context: { actor: actors.admin, now: '2026-01-01T00:00:00.000Z', coordinatingAgency: 'MFA' as const },
  };
  // Refused by the compiler (each decider takes only its own stream's commands, `npm test` type-checks
  // this file) and, should a caller get past the types, at run time.
  t.throws(
    // @ts-expect-error an issue command is not a process command
    () => processDecider.decide(command, processDecider.initialState()),
    { name: 'TypeError', message: /RetitleIssue is not a command of this stream/ },
    'process',
  );
  // @ts-expect-error an issue command is not a session command
  t.throws(() => sessionDecider.decide(command, sessionDecider.initialState()), { name: 'TypeError' }, 'session');
  t.throws(
    // @ts-expect-error an issue command is not a consultation command
    () => consultationDecider.decide(command, consultationDecider.initialState()),
    { name: 'TypeError' },
    'consultation',
  );
  // @ts-expect-error an issue command is not a position command
  t.throws(() => positionDecider.decide(command, positionDecider.initialState()), { name: 'TypeError' }, 'position');
});

t.test('refuses to reinstate an entry whose place has been taken since', async (t) => {
  const consultation = CONSULTATION;
  // outcome A (2), retracted (3), outcome B (4): reinstating A would leave two outcomes on one issue
  const past = history(convene, consensus, retract('consultation', consultation, id(2)), {
    ...consensus,
    outcome: 'majority',
  });
  given(past)
    .when(retract('consultation', consultation, id(3), true))
    .thenFails(t, 'reinstatement_conflicts', 'conflict');
  // once B is retracted, A can come back
  const cleared = history(
    convene,
    consensus,
    retract('consultation', consultation, id(2)),
    { ...consensus, outcome: 'majority' },
    retract('consultation', consultation, id(4)),
  );
  given(cleared)
    .when(retract('consultation', consultation, id(3), true))
    .thenEvents(t, ([e]) => t.match(e?.data, { reinstates: id(2) }));
});

t.test('refuses to reinstate a registration after the stream was registered again', async (t) => {
  const past = history(registerIssue, retract('issue', 'scope', id(1)), registerIssue);
  given(past)
    .when(retract('issue', 'scope', id(2), true))
    .thenFails(t, 'reinstatement_conflicts');
});

t.test('refuses to reinstate an endorsement when the version was endorsed again', async (t) => {
  const past = history(draft(), endorse(1, 'mfa'), retract('position', 'scope', id(2)), endorse(1, 'cabinet'));
  given(past)
    .when(retract('position', 'scope', id(3), true))
    .thenFails(t, 'reinstatement_conflicts');
});
