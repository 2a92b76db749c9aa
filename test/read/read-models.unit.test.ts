import t from 'tap';
import { asOfFor } from '../../projections/index.js';
import { asOfInstant } from '../../contracts/dates.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { CONSULTATION, everyEventLog } from '../projections/timeline.js';
import { draft, endorse, issue } from '../projections/fixtures.js';

function models() {
  const log = everyEventLog();
  const index = createMemoryIndex();
  for (const e of log.envelopes) index.add(e);
  return { log, index, models: createReadModels(index) };
}

const valid = (d: string) => asOfFor('valid', asOfInstant(d));
const recorded = (d: string) => asOfFor('recorded', asOfInstant(d));

t.test('the history lists every entry in order with what changed between versions', async (t) => {
  const history = models().models.history('scope', valid('2030-01-01')) ?? [];
  const types = history.map((h) => h.type);
  t.same(types.slice(0, 3), ['IssueRegistered', 'IssueRetitled', 'PositionDrafted']);
  t.ok(types.includes('StatementDelivered'));
  t.ok(types.includes('PositionWithdrawn'));
  t.ok(types.includes('EntryRetracted'), 'the retraction itself is shown');
  t.notOk(
    history.some((h) => h.type === 'PositionDrafted' && h.version === 3),
    'the retracted draft is not',
  );
  const v2 = history.find((h) => h.type === 'PositionDrafted' && h.version === 2);
  t.same(v2?.changes.map((c) => c.field).sort(), ['redLines', 'stance', 'summary']);
  t.equal(v2?.comparedWith, 1);
  const cabinet = history.find((h) => h.type === 'PositionEndorsed' && h.version === 2);
  t.same(cabinet?.changes, [{ field: 'authority', from: 'mfa', to: 'cabinet' }]);
});

t.test('the retracted draft is in the history as recorded before its retraction', async (t) => {
  const history = models().models.history('scope', recorded('2024-03-01T12:00:00Z')) ?? [];
  t.ok(history.some((h) => h.type === 'PositionDrafted' && h.version === 3));
});

t.test('a backdated consultation lands at its date on the valid axis but not on the recorded axis', async (t) => {
  const { models: m } = models();
  const held = (c: ReturnType<typeof m.consultation>) => (c !== null && 'views' in c ? c : null);
  t.equal(held(m.consultation(CONSULTATION, valid('2022-01-01')))?.heldOn, '2021-12-28');
  t.equal(m.consultation(CONSULTATION, recorded('2022-01-01')), null, 'on 1 Jan 2022 the ledger did not know of it');
  t.equal(held(m.consultation(CONSULTATION, recorded('2022-01-19')))?.views.length, 2);
});

t.test('alignment flags agencies whose latest view differs from the position in force', async (t) => {
  const rows = models().models.alignment(valid('2022-02-01'), { issueId: 'scope' });
  t.same(
    rows.map((r) => [r.agency, r.view.stance, r.positionStance, r.diverges]),
    [
      ['OAG', 'listening', 'listening', false],
      ['RTP', 'support', 'listening', true],
    ],
  );
  const before = models().models.alignment(valid('2022-01-01'), { issueId: 'scope' });
  t.same(
    before.map((r) => r.diverges),
    [null, null],
    'no position in force yet: nothing to diverge from',
  );
});

t.test('the consultation register lists outcomes, open follow-ups and participation per agency', async (t) => {
  const { consultations, participation } = models().models.consultations(valid('2022-02-15'));
  t.equal(consultations.length, 1);
  const c = consultations[0];
  t.equal(c?.convener, 'MFA');
  t.same(c?.agenda, ['scope']);
  t.same(
    c?.outcomes.map((o) => o.outcome),
    ['majority'],
  );
  t.same(
    c?.openFollowUps.map((f) => [f.id, f.overdue]),
    [['draft-framework', true]],
  );
  t.same(
    participation.find((p) => p.agency === 'RTP'),
    { agency: 'RTP', consultations: 1, convened: 0, viewsRecorded: 1 },
  );
  t.same(
    participation.find((p) => p.agency === 'MFA'),
    { agency: 'MFA', consultations: 1, convened: 1, viewsRecorded: 0 },
  );
});

t.test('the session brief shows each issue as in force at the session start, with disagreements', async (t) => {
  const brief = models().models.brief('ahc-1', valid('2030-01-01'));
  t.equal(brief?.from, '2022-02-28', 'the rescheduled dates');
  t.equal(brief?.positionsAsOf, '2022-02-28T05:00:00.000Z', 'midnight in New York');
  const scope = brief?.issues[0];
  t.equal(scope?.position.inForce?.version, 1, 'the Cabinet framework of 2024 is not in this brief');
  t.same(
    scope?.disagreements.map((d) => d.agency),
    ['RTP'],
  );
  t.same(scope?.allies, ['ASEAN']);
});

t.test('the position is answered for both axes at any date', async (t) => {
  const { models: m } = models();
  t.equal(m.position('scope', valid('2022-01-01'))?.inForce, null);
  t.equal(m.position('scope', valid('2024-02-01'))?.inForce?.version, 2);
  t.equal(m.position('scope', recorded('2024-02-01'))?.inForce?.version, 2);
  t.equal(m.position('scope', valid('2030-01-01'))?.pendingDraft, null, 'v3 retracted, v4 withdrawn');
  t.equal(m.position('nope', valid('2030-01-01')), null);
});

t.test('answers for "now" change as soon as the issue receives an event', async (t) => {
  const { models: m, index, log } = models();
  const first = m.position('scope', valid('2030-01-01'));
  t.same(m.position('scope', valid('2030-01-01')), first, 'asked again: the same answer');
  t.equal(first?.pendingDraft, null);
  const extra = log.add(
    'PositionDrafted',
    { ...draftV5 },
    { occurredAt: '2025-01-01T00:00:00Z', recordedAt: '2025-01-01T00:00:00Z' },
  );
  index.add(extra);
  t.equal(m.position('scope', valid('2030-01-01'))?.pendingDraft?.version, 5);
});

const draftV5 = {
  issueId: 'scope',
  version: 5,
  stance: 'flexible' as const,
  summary: { th: 'ห้า', en: 'five' },
  flexibility: 'high' as const,
  redLines: { level: 'secret' as const, value: [] },
  fallbacks: { level: 'secret' as const, value: [] },
  allies: [],
  basis: { consultationIds: [], eventIds: [] },
  substantive: false,
};

t.test('the index refuses an event it already holds', async (t) => {
  const { index, log } = models();
  const size = index.size;
  const first = log.envelopes[0];
  t.ok(first);
  if (first) t.equal(index.add(first), false);
  t.equal(index.size, size);
});

t.test(
  'a session brief lists an issue registered after the session when its position was in force at the start',
  async (t) => {
    const log = everyEventLog();
    const late = (occurredAt: string) => ({ occurredAt, recordedAt: '2022-06-01T00:00:00Z' });
    // Typed in in June: the registration dated then, the position backdated to before the session.
    log.add('IssueRegistered', issue('late'), late('2022-06-01T00:00:00Z'));
    log.add('PositionDrafted', draft('late', 1, 'support'), late('2022-02-01T00:00:00Z'));
    log.add('PositionEndorsed', endorse('late', 1, '2022-02-01'), late('2022-02-01T00:00:00Z'));
    const index = createMemoryIndex();
    for (const e of log.envelopes) index.add(e);
    const m = createReadModels(index);
    const issues = (asOf: ReturnType<typeof valid>) =>
      (m.brief('ahc-1', asOf)?.issues ?? []).map((i) => i.issueId).sort();
    t.same(issues(valid('2022-03-01')), ['late', 'scope'], 'valid axis: known now, in force at the start');
    t.same(issues(recorded('2022-03-01T00:00:00Z')), ['scope'], 'recorded axis before it was typed in: not known yet');
  },
);

t.test(
  'an entry dated in the future does not make reads of its issue fold again each time: the fold for now is kept until the issue changes',
  async (t) => {
    const { models: m, index, log } = models();
    // A meeting convened for 2031 with the issue on its agenda: the issue's latest valid time is after "now".
    const upcoming = log.add(
      'ConsultationConvened',
      {
        consultationId: '5f0e0c4a-2b1d-4d7e-9a64-0c1d2e3f4a5b',
        title: { th: 'ประชุม', en: 'Upcoming' },
        heldOn: '2031-01-05',
        convener: 'MFA',
        format: 'in-person',
        participants: ['MFA', 'OAG'],
        agenda: ['scope'],
        urgency: 'normal',
        classification: 'unclassified',
      },
      { occurredAt: '2030-01-01T00:00:00Z', recordedAt: '2030-01-01T00:00:00Z' },
    );
    index.add(upcoming);
    const first = m.history('scope', valid('2030-06-01T00:00:00Z')) ?? [];
    const second = m.history('scope', valid('2030-06-02T00:00:00Z')) ?? [];
    t.ok(first.length > 0);
    t.equal(second[0], first[0], 'a moment later: the same fold, not a new one');
    t.same(
      m.history('scope', valid('2031-02-01')),
      first,
      'after the meeting: the same entries (a meeting is not in the history)',
    );
    const extra = log.add(
      'PositionDrafted',
      { ...draftV5 },
      { occurredAt: '2030-06-01T12:00:00Z', recordedAt: '2030-06-01T12:00:00Z' },
    );
    index.add(extra);
    const after = m.history('scope', valid('2030-06-02T00:00:00Z')) ?? [];
    t.not(after[0], first[0], 'folded again once the issue receives an event');
    t.equal(after.at(-1)?.eventId, extra.eventId);
  },
);

t.test(
  'a fold of a past date is kept beside the fold for now, and both answer as a fold from scratch does',
  async (t) => {
    const { models: m, index } = models();
    const scratch = () => createReadModels(index, { cachedFolds: 0 });
    for (const at of ['2022-01-26', '2030-01-01', '2022-01-26', '2024-02-01', '2021-12-28', '2030-01-01']) {
      t.same(m.position('scope', valid(at)), scratch().position('scope', valid(at)), `as of ${at}`);
    }
    const past = m.history('scope', valid('2022-01-26')) ?? [];
    m.history('scope', valid('2030-01-01'));
    t.equal(
      (m.history('scope', valid('2022-01-27')) ?? [])[0],
      past[0],
      'a date in the same interval between two entries: the fold kept for it',
    );
  },
);
