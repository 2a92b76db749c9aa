import t from 'tap';
import { actors, given, history, id } from './spec.js';
import { CONSULTATION, bi, closeConsultation, consensus, convene, oagView, retract } from './fixtures.js';

const convened = () => history(convene);

t.test('convenes a consultation with its participants and agenda, dates typed the Thai way', async (t) => {
  given()
    .when(convene)
    .then(t, [
      {
        type: 'ConsultationConvened',
        data: {
          consultationId: CONSULTATION,
          title: bi('Preparation for AHC session 1'),
          heldOn: '2021-12-28',
          convener: 'MFA',
          format: 'in-person',
          participants: ['MFA', 'OAG', 'RTP', 'NSC'],
          agenda: ['scope', 'offences'],
          urgency: 'normal',
          classification: 'unclassified',
        },
      },
    ]);
});

t.test('refuses to convene the same consultation twice', async (t) => {
  given(convened()).when(convene).thenFails(t, 'consultation_already_convened', 'conflict');
});

t.test('refuses a convener who is not among the participants', async (t) => {
  given()
    .when({ ...convene, participants: ['OAG', 'RTP'] })
    .thenFails(t, 'convener_not_participant', 'invalid');
});

t.test('lets an agency officer convene only as their own agency', async (t) => {
  given().when(convene, actors.oag).thenFails(t, 'agency_mismatch', 'forbidden');
  given()
    .when({ ...convene, convener: 'OAG' }, actors.oag)
    .thenEvents(t, ([event]) => t.equal(event?.type, 'ConsultationConvened'));
});

t.test(
  'an OAG negotiator or admin cannot convene a consultation as MFA: roles do not make a principal speak for another agency',
  async (t) => {
    given().when(convene, actors.oagNegotiator).thenFails(t, 'agency_mismatch', 'forbidden');
    given().when(convene, actors.oagAdmin).thenFails(t, 'agency_mismatch', 'forbidden');
    given()
      .when({ ...convene, convener: 'OAG', participants: ['OAG', 'MFA'] }, actors.oagNegotiator)
      .thenEvents(t, ([e]) => t.equal(e?.type, 'ConsultationConvened'));
  },
);

t.test('records an agency view typed by the agency itself', async (t) => {
  given(convened())
    .when(oagView, actors.oag)
    .then(t, [
      {
        type: 'AgencyViewRecorded',
        data: {
          consultationId: CONSULTATION,
          issueId: 'scope',
          agency: 'OAG',
          stance: 'listening',
          summary: bi('Listen first'),
          domesticLawRefs: [],
          attestation: 'agency',
        },
      },
    ]);
});

t.test('rejects a view recorded for another agency by an agency officer', async (t) => {
  given(convened()).when(oagView, actors.rtp).thenFails(t, 'agency_mismatch', 'forbidden');
});

t.test('an OAG negotiator cannot record a view as RTP', async (t) => {
  given(convened())
    .when({ ...oagView, agency: 'RTP' }, actors.oagNegotiator)
    .thenFails(t, 'agency_mismatch', 'forbidden');
  given(convened())
    .when({ ...oagView, agency: 'RTP' }, actors.oagAdmin)
    .thenFails(t, 'agency_mismatch', 'forbidden');
});

t.test('lets the MFA desk transcribe a view from the minutes, marked as such, whatever its writing role', async (t) => {
  for (const actor of [actors.negotiator, actors.admin, { ...actors.oag, id: 'mfa-officer', agency: 'MFA' as const }]) {
    given(convened())
      .when(oagView, actor)
      .thenEvents(t, ([event]) => t.match(event?.data, { agency: 'OAG', attestation: 'minutes' }, actor.id));
  }
  given(convened())
    .when({ ...oagView, agency: 'MFA' }, actors.negotiator)
    .thenEvents(t, ([event]) => t.match(event?.data, { agency: 'MFA', attestation: 'agency' }));
});

t.test(
  'with another coordinating agency configured, its officers transcribe views and MFA speaks only for itself',
  async (t) => {
    const nscDesk = { coordinatingAgency: 'NSC' as const };
    const past = history({ ...convene, participants: ['MFA', 'OAG', 'RTP', 'NSC'] });
    given(past)
      .when(oagView, actors.nsc, nscDesk)
      .thenEvents(t, ([event]) => t.match(event?.data, { agency: 'OAG', attestation: 'minutes' }));
    given(past).when(oagView, actors.negotiator, nscDesk).thenFails(t, 'agency_mismatch', 'forbidden');
    given(past)
      .when({ ...oagView, agency: 'MFA' }, actors.negotiator, nscDesk)
      .thenEvents(t, ([event]) => t.match(event?.data, { agency: 'MFA', attestation: 'agency' }));
    given(past)
      .when(consensus, actors.nsc, nscDesk)
      .thenEvents(t, ([e]) => t.equal(e?.type, 'ConsultationOutcomeRecorded'));
  },
);

t.test('refuses a view on an issue that is not on the agenda', async (t) => {
  given(convened())
    .when({ ...oagView, issueId: 'refusal-grounds' }, actors.oag)
    .thenFails(t, 'issue_not_on_agenda', 'conflict');
});

t.test('refuses a view from an agency that did not take part', async (t) => {
  given(convened())
    .when({ ...oagView, agency: 'MDES' })
    .thenFails(t, 'agency_not_participant', 'conflict');
});

t.test('refuses a view for a consultation never convened', async (t) => {
  given().when(oagView, actors.oag).thenFails(t, 'consultation_not_found', 'not_found');
});

t.test('a second view of the same agency on the same issue supersedes the first', async (t) => {
  given(history(convene, oagView))
    .when({ ...oagView, stance: 'reserve' }, actors.oag)
    .thenEvents(t, ([event]) => t.match(event?.data, { stance: 'reserve', supersedes: id(2) }));
  given(history(convene, oagView))
    .when({ ...oagView, issueId: 'offences' }, actors.oag)
    .thenEvents(t, ([event]) => t.notOk(event && 'supersedes' in event.data));
});

t.test('carries classified conditions on a view', async (t) => {
  const conditions = { level: 'secret' as const, value: [bi('Only with dual criminality')] };
  given(convened())
    .when({ ...oagView, conditions }, actors.oag)
    .thenEvents(t, ([event]) => t.match(event?.data, { conditions }));
});

t.test('records an outcome with the recommended stance', async (t) => {
  given(convened())
    .when(consensus)
    .then(t, [
      {
        type: 'ConsultationOutcomeRecorded',
        data: {
          consultationId: CONSULTATION,
          issueId: 'scope',
          outcome: 'consensus',
          recommendedStance: 'listening',
          summary: bi('Listen at session 1'),
          supporting: ['MFA', 'OAG'],
          dissenting: [],
          followUps: [],
        },
      },
    ]);
});

t.test('refuses a second outcome on the same issue, until the first is retracted', async (t) => {
  given(history(convene, consensus)).when(consensus).thenFails(t, 'outcome_already_recorded', 'conflict');
  given(history(convene, consensus, retract('consultation', CONSULTATION, id(2))))
    .when(consensus)
    .thenEvents(t, ([e]) => t.equal(e?.type, 'ConsultationOutcomeRecorded'));
});

t.test('refuses a consensus with dissenters', async (t) => {
  given(convened())
    .when({ ...consensus, dissenting: ['NSC'] })
    .thenFails(t, 'consensus_with_dissent', 'invalid');
  given(convened())
    .when({ ...consensus, outcome: 'majority', dissenting: ['NSC'] })
    .thenEvents(t, ([e]) => t.match(e?.data, { outcome: 'majority' }));
});

t.test('refuses an agency that both supports and dissents', async (t) => {
  given(convened())
    .when({ ...consensus, outcome: 'majority', dissenting: ['OAG'] })
    .thenFails(t, 'agency_both_supporting_and_dissenting', 'invalid');
});

t.test('requires a recommended stance for a consensus or majority, not for a deferral', async (t) => {
  const { recommendedStance: _dropped, ...withoutStance } = consensus;
  given(convened()).when(withoutStance).thenFails(t, 'recommended_stance_required', 'invalid');
  given(convened())
    .when({ ...withoutStance, outcome: 'deferred' })
    .thenEvents(t, ([e]) => t.match(e?.data, { outcome: 'deferred' }));
});

t.test('refuses supporting agencies or follow-up owners that did not take part', async (t) => {
  given(convened())
    .when({ ...consensus, supporting: ['MDES'] })
    .thenFails(t, 'agency_not_participant');
  given(convened())
    .when({ ...consensus, followUps: [{ id: 'compare-law', action: bi('Compare offences'), owner: 'MOJ' }] })
    .thenFails(t, 'agency_not_participant');
});

t.test('refuses duplicate follow-up ids', async (t) => {
  const f = { id: 'compare-law', action: bi('Compare offences with Thai law'), owner: 'OAG' as const };
  given(convened())
    .when({ ...consensus, followUps: [f, f] })
    .thenFails(t, 'duplicate_follow_up', 'invalid');
});

t.test('lets only the convening agency, or the coordinating agency, record an outcome or close', async (t) => {
  given(convened()).when(consensus, actors.oag).thenFails(t, 'agency_mismatch', 'forbidden');
  given(convened()).when(closeConsultation, actors.oag).thenFails(t, 'agency_mismatch', 'forbidden');
  given(convened()).when(closeConsultation, actors.oagNegotiator).thenFails(t, 'agency_mismatch', 'forbidden');
  const oagConsultation = history({ command: { ...convene, convener: 'OAG' }, actor: actors.oag });
  given(oagConsultation)
    .when(consensus, actors.oag)
    .thenEvents(t, ([e]) => t.equal(e?.type, 'ConsultationOutcomeRecorded'));
  given(oagConsultation).when(consensus, actors.rtp).thenFails(t, 'agency_mismatch', 'forbidden');
  given(oagConsultation)
    .when(closeConsultation, actors.negotiator)
    .thenEvents(t, ([e]) => t.equal(e?.type, 'ConsultationClosed'));
});

t.test('closes a consultation, not before it was held', async (t) => {
  given(convened())
    .when(closeConsultation)
    .then(t, [{ type: 'ConsultationClosed', data: { consultationId: CONSULTATION, on: '2021-12-30' } }]);
  given(convened())
    .when({ ...closeConsultation, on: '2021-12-01' })
    .thenFails(t, 'closed_before_held', 'invalid');
});

t.test('appends nothing new to a closed consultation', async (t) => {
  const closed = history(convene, closeConsultation);
  given(closed).when(oagView, actors.oag).thenFails(t, 'consultation_closed', 'conflict');
  given(closed).when(consensus).thenFails(t, 'consultation_closed', 'conflict');
  given(closed).when(closeConsultation).thenFails(t, 'consultation_closed', 'conflict');
});

t.test('still accepts a correction on a closed consultation, and retracting the closure reopens it', async (t) => {
  const closed = history(convene, oagView, closeConsultation);
  given(closed)
    .when(retract('consultation', CONSULTATION, id(2)))
    .thenEvents(t, ([e]) => t.equal(e?.type, 'EntryRetracted'));
  given(history(convene, closeConsultation, retract('consultation', CONSULTATION, id(2))))
    .when(oagView, actors.oag)
    .thenEvents(t, ([e]) => t.equal(e?.type, 'AgencyViewRecorded'));
});

t.test('lets an agency officer retract only their own agency view', async (t) => {
  const past = history(convene, oagView);
  given(past)
    .when(retract('consultation', CONSULTATION, id(2)), actors.rtp)
    .thenFails(t, 'agency_mismatch', 'forbidden');
  given(past)
    .when(retract('consultation', CONSULTATION, id(2)), actors.oag)
    .thenEvents(t, ([e]) => t.match(e?.data, { targetEventId: id(2), targetType: 'AgencyViewRecorded' }));
  given(past)
    .when(retract('consultation', CONSULTATION, id(1)), actors.oag)
    .thenFails(t, 'agency_mismatch', 'forbidden');
});

t.test("an OAG negotiator cannot retract NCSA's view in MFA's consultation; the MFA desk can", async (t) => {
  const past = history({ ...convene, participants: ['MFA', 'OAG', 'NCSA'] }, { ...oagView, agency: 'NCSA' });
  given(past)
    .when(retract('consultation', CONSULTATION, id(2)), actors.oagNegotiator)
    .thenFails(t, 'agency_mismatch', 'forbidden');
  given(past)
    .when(retract('consultation', CONSULTATION, id(2)), actors.negotiator)
    .thenEvents(t, ([e]) => t.match(e?.data, { targetEventId: id(2) }));
});

t.test("reinstating a retracted view is its agency's, like retracting it: not the convener's", async (t) => {
  const oagConsultation = { command: { ...convene, convener: 'OAG' as const }, actor: actors.oag };
  const past = history(
    oagConsultation,
    { command: { ...oagView, agency: 'RTP' }, actor: actors.rtp },
    { command: retract('consultation', CONSULTATION, id(2)), actor: actors.rtp },
  );
  const reinstate = retract('consultation', CONSULTATION, id(3), true);
  given(past).when(reinstate, actors.oag).thenFails(t, 'agency_mismatch', 'forbidden');
  given(past)
    .when(reinstate, actors.rtp)
    .thenEvents(t, ([e]) => t.match(e?.data, { reinstates: id(2) }));
});
