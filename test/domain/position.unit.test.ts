import t from 'tap';
import { actors, given, history, id } from './spec.js';
import { CONSULTATION, bi, draft, endorse, retract } from './fixtures.js';

const withdraw = (version: number, extra: Record<string, unknown> = {}) => ({
  type: 'WithdrawPosition' as const,
  issueId: 'scope',
  version,
  reason: bi('Overtaken'),
  ...extra,
});
const statement = (extra: Record<string, unknown> = {}) => ({
  type: 'RecordStatement' as const,
  issueId: 'scope',
  sessionId: 'ahc-1',
  deliveredOn: '2022-03-01',
  summary: bi('Thailand listens'),
  ...extra,
});
const redLines = (en: string) => ({ level: 'secret' as const, value: [bi(en)] });

t.test('drafts version 1 with its basis, red lines and fallbacks', async (t) => {
  const command = draft('listening', {
    redLines: redLines('No offence broader than Thai law'),
    basis: { consultationIds: [CONSULTATION], eventIds: [id(7)] },
    allies: ['ASEAN'],
  });
  given()
    .when(command, actors.negotiator)
    .then(t, [
      {
        type: 'PositionDrafted',
        data: {
          issueId: 'scope',
          version: 1,
          stance: 'listening',
          summary: bi('Position: listening'),
          flexibility: 'medium',
          redLines: redLines('No offence broader than Thai law'),
          fallbacks: { level: 'confidential', value: [] },
          allies: ['ASEAN'],
          basis: { consultationIds: [CONSULTATION], eventIds: [id(7)] },
          substantive: true,
        },
      },
    ]);
});

t.test('numbers versions in order and names the version in force as the base', async (t) => {
  given(history(draft('listening'), endorse(1, 'mfa')))
    .when(draft('support'))
    .thenEvents(t, ([e]) => t.match(e?.data, { version: 2, previousVersion: 1 }));
});

t.test('never reuses the number of a retracted draft', async (t) => {
  given(history(draft('listening'), retract('position', 'scope', id(1))))
    .when(draft('support'))
    .thenEvents(t, ([e]) => t.match(e?.data, { version: 2 }));
});

t.test('a first version is always substantive', async (t) => {
  given()
    .when(draft('listening', { substantive: false }))
    .thenFails(t, 'change_is_substantive', 'invalid');
});

t.test('a change of stance or of red lines is substantive', async (t) => {
  const past = history(draft('support', { redLines: redLines('A') }), endorse(1, 'mfa'));
  given(past)
    .when(draft('oppose', { redLines: redLines('A'), substantive: false }))
    .thenFails(t, 'change_is_substantive');
  given(past)
    .when(draft('support', { redLines: redLines('B'), substantive: false }))
    .thenFails(t, 'change_is_substantive');
  given(past)
    .when(draft('support', { redLines: redLines('A'), substantive: false, summary: bi('Better wording') }))
    .thenEvents(t, ([e]) => t.match(e?.data, { substantive: false }));
});

t.test(
  'endorses a drafted version with a decision reference, effective from the decision date by default',
  async (t) => {
    given(history(draft('listening')))
      .when(endorse(1, 'mfa', '๒๘ ธันวาคม ๒๕๖๔'), actors.approver)
      .then(t, [
        {
          type: 'PositionEndorsed',
          data: {
            issueId: 'scope',
            version: 1,
            authority: 'mfa',
            decisionRef: 'decision 1',
            decidedOn: '2021-12-28',
            effectiveFrom: '2021-12-28',
          },
        },
      ]);
  },
);

t.test('refuses an endorsement without a decision reference (contract)', async (t) => {
  t.throws(() => given(history(draft())).when({ ...endorse(1, 'mfa'), decisionRef: '   ' }));
});

t.test('refuses to endorse a version that was never drafted', async (t) => {
  given(history(draft())).when(endorse(2, 'mfa')).thenFails(t, 'version_not_found', 'not_found');
  given().when(endorse(1, 'mfa')).thenFails(t, 'version_not_found', 'not_found');
});

t.test('refuses to endorse a version twice', async (t) => {
  given(history(draft(), endorse(1, 'mfa')))
    .when(endorse(1, 'cabinet'))
    .thenFails(t, 'version_already_endorsed', 'conflict');
});

t.test('refuses to endorse a withdrawn draft', async (t) => {
  given(history(draft(), withdraw(1)))
    .when(endorse(1, 'mfa'))
    .thenFails(t, 'version_withdrawn', 'conflict');
});

t.test('refuses to endorse a version older than the one in force', async (t) => {
  given(history(draft('listening'), draft('support'), endorse(2, 'mfa')))
    .when(endorse(1, 'mfa'))
    .thenFails(t, 'version_superseded', 'conflict');
});

t.test('a substantive change to a Cabinet-endorsed position needs the Cabinet', async (t) => {
  const past = history(draft('listening'), endorse(1, 'cabinet'), draft('support'));
  given(past).when(endorse(2, 'mfa')).thenFails(t, 'cabinet_authority_required', 'conflict');
  given(past).when(endorse(2, 'interagency')).thenFails(t, 'cabinet_authority_required', 'conflict');
  given(past)
    .when(endorse(2, 'cabinet', '2024-02-01'))
    .thenEvents(t, ([e]) => t.match(e?.data, { version: 2, authority: 'cabinet' }));
});

t.test('a wording change to a Cabinet-endorsed position may be endorsed by MFA, not below', async (t) => {
  const past = history(
    draft('support'),
    endorse(1, 'cabinet'),
    draft('support', { substantive: false, summary: bi('Clearer wording') }),
  );
  given(past)
    .when(endorse(2, 'mfa'))
    .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'mfa' }));
  given(past).when(endorse(2, 'interagency')).thenFails(t, 'insufficient_authority', 'conflict');
});

t.test('the Cabinet still stands after a later MFA wording change', async (t) => {
  const past = history(
    draft('support'),
    endorse(1, 'cabinet'),
    draft('support', { substantive: false }),
    endorse(2, 'mfa'),
    draft('oppose'),
  );
  given(past).when(endorse(3, 'mfa')).thenFails(t, 'cabinet_authority_required');
});

t.test('a substantive change to an MFA position needs at least MFA', async (t) => {
  const past = history(draft('listening'), endorse(1, 'mfa'), draft('support'));
  given(past).when(endorse(2, 'interagency')).thenFails(t, 'insufficient_authority', 'conflict');
  given(past)
    .when(endorse(2, 'mfa'))
    .thenEvents(t, ([e]) => t.equal(e?.type, 'PositionEndorsed'));
});

t.test('a withdrawn Cabinet version no longer binds later substantive changes', async (t) => {
  const past = history(draft('listening'), endorse(1, 'cabinet'), withdraw(1), draft('support'));
  given(past)
    .when(endorse(2, 'mfa'))
    .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'mfa' }));
});

t.test('a retracted Cabinet endorsement no longer binds either', async (t) => {
  const past = history(
    draft('listening'),
    endorse(1, 'cabinet'),
    retract('position', 'scope', id(2)),
    draft('support'),
  );
  given(past)
    .when(endorse(2, 'interagency'))
    .thenEvents(t, ([e]) => t.equal(e?.type, 'PositionEndorsed'));
});

t.test('a wording change must be redrafted when its base is no longer in force', async (t) => {
  const past = history(
    draft('support'),
    endorse(1, 'mfa'),
    draft('support', { substantive: false }),
    draft('oppose'),
    endorse(3, 'mfa'),
  );
  given(past).when(endorse(2, 'mfa')).thenFails(t, 'version_superseded');
  const withdrawn = history(draft('support'), endorse(1, 'mfa'), draft('support', { substantive: false }), withdraw(1));
  given(withdrawn).when(endorse(2, 'mfa')).thenFails(t, 'base_version_changed', 'conflict');
});

t.test('withdraws the version in force, effective on the day of the command in Bangkok', async (t) => {
  given(history(draft(), endorse(1, 'mfa')))
    .when(withdraw(1), actors.approver, { now: '2026-01-15T20:00:00.000Z' })
    .then(t, [
      {
        type: 'PositionWithdrawn',
        data: { issueId: 'scope', version: 1, wasInForce: true, reason: bi('Overtaken'), effectiveFrom: '2026-01-16' },
      },
    ]);
});

t.test('withdraws a pending draft, marked as not in force', async (t) => {
  given(history(draft()))
    .when(withdraw(1, { effectiveFrom: '2022-01-05' }))
    .thenEvents(t, ([e]) => t.match(e?.data, { wasInForce: false, effectiveFrom: '2022-01-05' }));
});

t.test('refuses to withdraw a superseded version, a withdrawn one, or one never drafted', async (t) => {
  given(history(draft('listening'), endorse(1, 'mfa'), draft('support'), endorse(2, 'mfa')))
    .when(withdraw(1))
    .thenFails(t, 'version_not_in_force', 'conflict');
  given(history(draft(), withdraw(1)))
    .when(withdraw(1))
    .thenFails(t, 'version_already_withdrawn', 'conflict');
  given().when(withdraw(1)).thenFails(t, 'version_not_found', 'not_found');
});

t.test('a statement carries the version in force when none is named', async (t) => {
  given(history(draft('listening'), endorse(1, 'mfa')))
    .when(statement())
    .then(t, [
      {
        type: 'StatementDelivered',
        data: {
          issueId: 'scope',
          sessionId: 'ahc-1',
          deliveredOn: '2022-03-01',
          version: 1,
          summary: bi('Thailand listens'),
        },
      },
    ]);
  given(history(draft('listening')))
    .when(statement())
    .thenEvents(t, ([e]) => t.notOk(e && 'version' in e.data));
});

t.test('refuses a statement naming a version that is not endorsed', async (t) => {
  given(history(draft('listening')))
    .when(statement({ version: 1 }))
    .thenFails(t, 'statement_version_not_endorsed', 'conflict');
  given(history(draft('listening')))
    .when(statement({ version: 4 }))
    .thenFails(t, 'version_not_found', 'not_found');
});

t.test('records how the final text reflects the position, once there is one', async (t) => {
  const outcome = {
    type: 'RecordPositionOutcome' as const,
    issueId: 'scope',
    result: 'partly-reflected' as const,
    article: '4',
  };
  given(history(draft()))
    .when(outcome)
    .then(t, [
      { type: 'PositionOutcomeRecorded', data: { issueId: 'scope', result: 'partly-reflected', article: '4' } },
    ]);
  given().when(outcome).thenFails(t, 'no_position', 'conflict');
});

t.test('refuses to retract a draft while its endorsement is in effect', async (t) => {
  const past = history(draft(), endorse(1, 'mfa'));
  given(past)
    .when(retract('position', 'scope', id(1)))
    .thenFails(t, 'retraction_has_dependents', 'conflict');
  given(history(draft(), endorse(1, 'mfa'), retract('position', 'scope', id(2))))
    .when(retract('position', 'scope', id(1)))
    .thenEvents(t, ([e]) => t.equal(e?.type, 'EntryRetracted'));
});

t.test('retracting the endorsement of the version in force puts the previous one back in force', async (t) => {
  const past = history(
    draft('listening'),
    endorse(1, 'mfa'),
    draft('support'),
    endorse(2, 'mfa'),
    retract('position', 'scope', id(4)),
  );
  given(past)
    .when(statement())
    .thenEvents(t, ([e]) => t.match(e?.data, { version: 1 }));
});

t.test('only an approver may retract an endorsement', async (t) => {
  const past = history(draft(), endorse(1, 'mfa'));
  given(past)
    .when(retract('position', 'scope', id(2)), actors.negotiator)
    .thenFails(t, 'not_allowed_to_retract', 'forbidden');
  given(past)
    .when(retract('position', 'scope', id(2)), actors.approver)
    .thenEvents(t, ([e]) => t.equal(e?.type, 'EntryRetracted'));
});

t.test(
  'MFA and Cabinet endorsements are recorded by MFA; an approver or admin elsewhere endorses interagency only',
  async (t) => {
    for (const other of [actors.oagApprover, actors.oagAdmin]) {
      given(history(draft())).when(endorse(1, 'cabinet'), other).thenFails(t, 'agency_mismatch', 'forbidden');
      given(history(draft())).when(endorse(1, 'mfa'), other).thenFails(t, 'agency_mismatch', 'forbidden');
      given(history(draft()))
        .when(endorse(1, 'interagency'), other)
        .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'interagency' }));
    }
    given(history(draft()))
      .when(endorse(1, 'cabinet'), actors.approver)
      .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'cabinet' }));
  },
);

t.test(
  'a position with MFA or Cabinet authority is withdrawn or corrected only by the coordinating agency',
  async (t) => {
    const endorsedByMfa = history(draft(), endorse(1, 'mfa'));
    given(endorsedByMfa).when(withdraw(1), actors.oagApprover).thenFails(t, 'agency_mismatch', 'forbidden');
    given(endorsedByMfa)
      .when(retract('position', 'scope', id(2)), actors.oagApprover)
      .thenFails(t, 'agency_mismatch', 'forbidden');
    given(endorsedByMfa)
      .when(withdraw(1), actors.approver)
      .thenEvents(t, ([e]) => t.equal(e?.type, 'PositionWithdrawn'));
    const interagency = history(draft(), endorse(1, 'interagency'));
    given(interagency)
      .when(withdraw(1), actors.oagApprover)
      .thenEvents(t, ([e]) => t.equal(e?.type, 'PositionWithdrawn'));
    const nscDesk = { coordinatingAgency: 'NSC' as const };
    const nscApprover = { ...actors.approver, id: 'nsc-exec-1', agency: 'NSC' as const };
    given(history(draft()))
      .when(endorse(1, 'cabinet'), nscApprover, nscDesk)
      .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'cabinet' }));
    given(history(draft()))
      .when(endorse(1, 'cabinet'), actors.approver, nscDesk)
      .thenFails(t, 'agency_mismatch', 'forbidden');
    given(history(draft()))
      .when(endorse(1, 'mfa'), actors.approver, nscDesk)
      .thenEvents(t, ([e]) => t.match(e?.data, { authority: 'mfa' }));
  },
);
