// Valid time in context (ADR 0009): a view typed in later without a time of its own belongs at its
// meeting; an endorsement in force puts its draft and its issue in force with it.
import t from 'tap';
import { agencyViews, alignmentRows } from '../../projections/agency-alignment.js';
import { asOfFor, selectAsOf } from '../../projections/as-of.js';
import { currentPosition, currentPositionView, isInputRecord } from '../../projections/current-position.js';
import { historyEntries, positionHistory } from '../../projections/position-history.js';
import { validTimeOf } from '../../projections/valid-time.js';
import { foldAll } from '../../projections/projection.js';
import type { Envelope } from '../../projections/envelope.js';
import type { Projection } from '../../projections/projection.js';
import { bi, createLog, draft, endorse, issue } from './fixtures.js';

const CONSULTATION = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const valid = (date: string) => asOfFor('valid', `${date}T16:59:59.999Z`); // end of that day in Bangkok
const fold = <S>(p: Projection<S>, envelopes: readonly Envelope[], date: string): S =>
  foldAll(p, selectAsOf(envelopes, valid(date))).state;
/**
 * Agency alignment as the read models compute it: the agency views and the current position, folded over the same
 * envelopes.
 */
const alignment = (envelopes: readonly Envelope[], date: string) =>
  alignmentRows('scope', {
    views: fold(agencyViews, envelopes, date),
    position: fold(currentPosition, envelopes, date),
  });

function meetingWithLateViews() {
  const log = createLog();
  log.add('IssueRegistered', issue('scope'), {
    occurredAt: '2021-12-01T00:00:00Z',
    recordedAt: '2021-12-01T00:00:00Z',
  });
  log.add(
    'ConsultationConvened',
    {
      consultationId: CONSULTATION,
      title: bi('Preparation'),
      heldOn: '2021-12-28',
      convener: 'MFA',
      format: 'in-person',
      participants: ['MFA', 'OAG', 'RTP'],
      agenda: ['scope'],
      urgency: 'normal',
      classification: 'unclassified',
    },
    { occurredAt: '2022-01-18T09:00:00Z', recordedAt: '2022-01-18T09:00:00Z', defaulted: true },
  );
  const view = (agency: 'OAG' | 'RTP', at: { occurredAt: string; recordedAt: string; defaulted?: boolean }) =>
    log.add(
      'AgencyViewRecorded',
      {
        consultationId: CONSULTATION,
        issueId: 'scope',
        agency,
        stance: 'oppose',
        summary: bi(`${agency} view`),
        domesticLawRefs: [],
        attestation: 'minutes',
      },
      at,
    );
  const typedLate = view('OAG', {
    occurredAt: '2022-01-18T09:05:00Z',
    recordedAt: '2022-01-18T09:05:00Z',
    defaulted: true,
  });
  const givenDate = view('RTP', { occurredAt: '2022-01-05T00:00:00Z', recordedAt: '2022-01-18T09:06:00Z' });
  return { log, typedLate, givenDate };
}

t.test(
  'a view typed in weeks after the meeting without a time of its own counts from the day the meeting was held',
  async (t) => {
    const { log } = meetingWithLateViews();
    const rows = alignment(log.envelopes, '2021-12-28');
    t.same(
      rows.map((r) => r.agency),
      ['OAG'],
      'on the day of the meeting: the view logged on 18 Jan',
    );
    t.equal(rows[0]?.view.validAt, '2021-12-27T17:00:00.000Z', 'dated at the start of 28 Dec 2021 in Bangkok');
    t.same(alignment(log.envelopes, '2021-12-27'), [], 'nothing the day before');
  },
);

t.test('a view sent with its own time keeps it', async (t) => {
  const { log } = meetingWithLateViews();
  t.notOk(
    alignment(log.envelopes, '2022-01-04').some((r) => r.agency === 'RTP'),
    'not before 5 Jan 2022',
  );
  t.ok(
    alignment(log.envelopes, '2022-01-05').some((r) => r.agency === 'RTP'),
    'from 5 Jan 2022',
  );
});

t.test('a view whose meeting is retracted falls back to when it was typed in', async (t) => {
  const { log } = meetingWithLateViews();
  const convened = log.envelopes.find((e) => e.event.type === 'ConsultationConvened');
  log.add(
    'EntryRetracted',
    { targetEventId: convened?.eventId ?? '', targetType: 'ConsultationConvened', reason: bi('wrong meeting') },
    {
      occurredAt: '2022-02-01T00:00:00Z',
      recordedAt: '2022-02-01T00:00:00Z',
      streamName: `consultation-${CONSULTATION}`,
    },
  );
  t.same(alignment(log.envelopes, '2021-12-28'), []);
  t.ok(alignment(log.envelopes, '2022-01-18').some((r) => r.agency === 'OAG'));
});

t.test(
  'an endorsement in force on a date shows its version on that date, though the issue and the draft were typed in later',
  async (t) => {
    const log = createLog();
    const today = { occurredAt: '2026-11-30T08:00:00Z', recordedAt: '2026-11-30T08:00:00Z', defaulted: true };
    log.add('IssueRegistered', issue('late'), today);
    log.add('PositionDrafted', draft('late', 1, 'support'), today);
    log.add('PositionEndorsed', endorse('late', 1, '2024-01-23', 'cabinet'), today);
    log.add('PositionDrafted', draft('late', 2, 'oppose'), today);

    const feb = currentPositionView('late', fold(currentPosition, log.envelopes, '2024-02-01'));
    t.equal(feb.inForce?.version, 1, 'version 1 in force on 1 Feb 2024');
    t.equal(feb.issue?.code, 'LATE', 'on the issue it is a position on');
    t.equal(feb.pendingDraft, null, 'the unendorsed draft of today is not pending in 2024');
    const history = historyEntries(fold(positionHistory, log.envelopes, '2024-02-01')).map(
      (e) => `${e.type}${e.version ?? ''}`,
    );
    t.same(
      history,
      ['IssueRegistered', 'PositionDrafted1', 'PositionEndorsed1'],
      'the history of 1 Feb 2024 says the same',
    );

    const before = fold(currentPosition, log.envelopes, '2024-01-22');
    t.equal(before.issue, null, 'the day before: nothing on the ledger about the issue yet');
    t.equal(before.drafts, null, 'and no draft');
    const now = currentPositionView('late', fold(currentPosition, log.envelopes, '2026-11-30'));
    t.equal(now.pendingDraft?.version, 2, 'today the new draft is pending');
  },
);

t.test('dating in context changes nothing when folded twice', async (t) => {
  const { log } = meetingWithLateViews();
  const once = selectAsOf(log.envelopes, valid('2022-02-01'));
  const twice = selectAsOf([...log.envelopes, ...log.envelopes], valid('2022-02-01'));
  t.same(foldAll(agencyViews, twice).state, foldAll(agencyViews, once).state);
  t.same(foldAll(currentPosition, twice).state, foldAll(currentPosition, once).state);
});

t.test(
  'a consultation outcome typed in later without a time of its own is dated at the meeting, in the basis of the draft that cites it',
  async (t) => {
    const { log } = meetingWithLateViews();
    const outcome = log.add(
      'ConsultationOutcomeRecorded',
      {
        consultationId: CONSULTATION,
        issueId: 'scope',
        outcome: 'consensus',
        recommendedStance: 'oppose',
        summary: bi('oppose'),
        supporting: ['MFA', 'OAG', 'RTP'],
        dissenting: [],
        followUps: [],
      },
      { occurredAt: '2022-01-19T02:00:00Z', recordedAt: '2022-01-19T02:00:00Z', defaulted: true },
    );
    log.add(
      'PositionDrafted',
      draft('scope', 1, 'oppose', { basis: { consultationIds: [CONSULTATION], eventIds: [outcome.eventId] } }),
      { occurredAt: '2022-01-20T00:00:00Z', recordedAt: '2022-01-20T00:00:00Z' },
    );
    const view = currentPositionView('scope', fold(currentPosition, log.envelopes, '2022-01-20'));
    t.same(
      view.pendingDraft?.basis.inputs.map((i) => (isInputRecord(i) ? [i.kind, i.validAt] : null)),
      [['outcome', '2021-12-27T17:00:00.000Z']],
    );
  },
);

t.test(
  'an event without a date of its own is valid from its occurredAt, normalised to UTC with milliseconds',
  async (t) => {
    const data = draft('i-iso', 1, 'support');
    const event = { type: 'PositionDrafted' as const, data };
    const at = (occurredAt: string) => validTimeOf(event, { occurredAt });
    t.equal(at('2024-02-29T23:59:59.999Z'), '2024-02-29T23:59:59.999Z');
    t.equal(at('2024-03-01T06:30:00+07:00'), '2024-02-29T23:30:00.000Z');
    t.equal(at('2024-03-01T00:00:00Z'), '2024-03-01T00:00:00.000Z');
    t.equal(at('2023-03-01T00:00:00.5Z'), '2023-03-01T00:00:00.500Z');
  },
);
