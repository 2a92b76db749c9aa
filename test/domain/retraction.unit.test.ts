import t from 'tap';
import { actors, given, history, id } from './spec.js';
import { bi, draft, endorse, registerIssue, retract } from './fixtures.js';
import { deciders } from '../../src/domain/index.js';

const retitle = (en: string) => ({ type: 'RetitleIssue' as const, issueId: 'scope', title: bi(en) });

t.test('retracts an existing event of the same stream, with a reason, naming its type', async (t) => {
  given(history(registerIssue, retitle('Scope'))).when(retract('issue', 'scope', id(2))).then(t, [
    { type: 'EntryRetracted', data: { targetEventId: id(2), targetType: 'IssueRetitled', reason: bi('entered by mistake') } },
  ]);
});

t.test('refuses a retraction without a reason (contract)', async (t) => {
  t.throws(() => given(history(registerIssue)).when({ ...retract('issue', 'scope', id(1)), reason: { th: '', en: '' } }));
});

t.test('refuses to retract an event that is not in the stream', async (t) => {
  given(history(registerIssue)).when(retract('issue', 'scope', id(42))).thenFails(t, 'retraction_target_not_found', 'not_found');
});

t.test('refuses to retract the same event twice', async (t) => {
  given(history(registerIssue, retitle('Scope'), retract('issue', 'scope', id(2)))).when(retract('issue', 'scope', id(2))).thenFails(t, 'already_retracted', 'conflict');
});

t.test('never retracts a retraction silently', async (t) => {
  const past = history(registerIssue, retitle('Scope'), retract('issue', 'scope', id(2)));
  given(past).when(retract('issue', 'scope', id(3))).thenFails(t, 'retraction_of_retraction_needs_reinstate', 'invalid');
  given(past).when(retract('issue', 'scope', id(3), true)).then(t, [
    { type: 'EntryRetracted', data: { targetEventId: id(3), targetType: 'EntryRetracted', reason: bi('entered by mistake'), reinstates: id(2) } },
  ]);
});

t.test('refuses reinstate when the target is not a retraction', async (t) => {
  given(history(registerIssue, retitle('Scope'))).when(retract('issue', 'scope', id(2), true)).thenFails(t, 'reinstate_needs_a_retraction', 'invalid');
});

t.test('retracting a retraction puts the original entry back in effect', async (t) => {
  const past = history(registerIssue, retitle('Scope'), retract('issue', 'scope', id(2)), retract('issue', 'scope', id(3), true));
  given(past).when(retitle('Scope')).thenFails(t, 'title_unchanged');
  // and the reinstated entry can be retracted again
  given(past).when(retract('issue', 'scope', id(2))).thenEvents(t, ([e]) => t.equal(e?.type, 'EntryRetracted'));
});

t.test('a reinstated endorsement counts again', async (t) => {
  const past = history(draft('listening'), endorse(1, 'cabinet'), retract('position', 'scope', id(2)), retract('position', 'scope', id(3), true), draft('support'));
  given(past).when(endorse(2, 'mfa')).thenFails(t, 'cabinet_authority_required');
});

t.test('an agency officer cannot retract what their role could not have written', async (t) => {
  given(history(registerIssue, retitle('Scope'))).when(retract('issue', 'scope', id(2)), actors.oag).thenFails(t, 'not_allowed_to_retract', 'forbidden');
});

t.test('every stream decider refuses commands of another stream kind', async (t) => {
  const command = { type: 'RetitleIssue' as const, issueId: 'scope', title: bi('x'), context: { actor: actors.admin, now: '2026-01-01T00:00:00.000Z' } };
  for (const kind of ['process', 'session', 'consultation', 'position'] as const) {
    const decider = deciders[kind];
    t.throws(() => decider.decide(command, decider.initialState()), { code: 'command_not_for_stream' }, kind);
  }
});
