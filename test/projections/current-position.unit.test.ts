import t from 'tap';
import {
  asOfFor,
  currentPosition,
  currentPositionView,
  foldAll,
  inputOf,
  isInputRecord,
  selectAsOf,
  type Axis,
  type Envelope,
} from '../../projections/index.js';
import { bi, createLog, draft, endorse, issue } from './fixtures.js';

function positionAt(envelopes: readonly Envelope[], axis: Axis, instant: string) {
  const state = foldAll(currentPosition, selectAsOf(envelopes, asOfFor(axis, new Date(instant).toISOString()))).state;
  return currentPositionView('scope', state);
}

function basicLog() {
  const log = createLog();
  log.add('IssueRegistered', issue('scope'), {
    occurredAt: '2022-01-05T00:00:00Z',
    recordedAt: '2022-01-05T00:00:00Z',
  });
  log.add('PositionDrafted', draft('scope', 1, 'listening'), {
    occurredAt: '2022-01-10T00:00:00Z',
    recordedAt: '2022-01-10T00:00:00Z',
  });
  log.add('PositionEndorsed', endorse('scope', 1, '2022-01-20'), {
    occurredAt: '2022-01-20T00:00:00Z',
    recordedAt: '2022-01-20T03:00:00Z',
  });
  log.add('PositionDrafted', draft('scope', 2, 'support-with-amendments'), {
    occurredAt: '2023-06-01T00:00:00Z',
    recordedAt: '2023-06-01T00:00:00Z',
  });
  return log;
}

t.test('shows the endorsed version in force and the newer draft as pending', async (t) => {
  const view = positionAt(basicLog().envelopes, 'valid', '2023-07-01');
  t.equal(view.inForce?.version, 1);
  t.equal(view.inForce?.stance, 'listening');
  t.equal(view.inForce?.authority, 'mfa');
  t.equal(view.inForce?.decisionRef, 'กต 0001/1');
  t.equal(view.inForce?.effectiveFrom, '2022-01-20');
  t.equal(view.pendingDraft?.version, 2);
  t.equal(view.issue?.code, 'SCOPE');
});

t.test('a later endorsement replaces the version in force and clears the pending draft', async (t) => {
  const log = basicLog();
  log.add('PositionEndorsed', endorse('scope', 2, '2024-01-23', 'cabinet'), {
    occurredAt: '2024-01-23T00:00:00Z',
    recordedAt: '2024-01-23T05:00:00Z',
  });
  const view = positionAt(log.envelopes, 'valid', '2024-02-01');
  t.equal(view.inForce?.version, 2);
  t.equal(view.inForce?.authority, 'cabinet');
  t.equal(view.pendingDraft, null);
  t.equal(
    positionAt(log.envelopes, 'valid', '2024-01-22T16:59:00Z').inForce?.version,
    1,
    'until midnight in Bangkok on the 23rd, version 1 was still in force',
  );
});

t.test('nothing is in force before the first endorsement takes effect', async (t) => {
  const view = positionAt(basicLog().envelopes, 'valid', '2022-01-15');
  t.equal(view.inForce, null);
  t.equal(view.pendingDraft?.version, 1);
});

t.test('an endorsement recorded late is in force from its effective date on the valid axis only', async (t) => {
  const log = createLog();
  log.add('PositionDrafted', draft('scope', 1, 'support'), {
    occurredAt: '2024-01-01T00:00:00Z',
    recordedAt: '2024-01-01T00:00:00Z',
  });
  log.add('PositionEndorsed', endorse('scope', 1, '2024-01-23', 'cabinet'), {
    occurredAt: '2024-01-23T00:00:00Z',
    recordedAt: '2024-03-01T00:00:00Z',
  });
  t.equal(positionAt(log.envelopes, 'valid', '2024-02-01').inForce?.version, 1, 'valid axis: in force since 23 Jan');
  t.equal(
    positionAt(log.envelopes, 'recorded', '2024-02-01').inForce,
    null,
    'recorded axis: the ledger did not know yet on 1 Feb',
  );
  t.equal(positionAt(log.envelopes, 'recorded', '2024-03-02').inForce?.version, 1);
});

t.test(
  'a retracted endorsement is excluded on the valid axis but shows on the recorded axis before the retraction',
  async (t) => {
    const log = basicLog();
    const wrong = log.add('PositionEndorsed', endorse('scope', 2, '2023-07-01'), {
      occurredAt: '2023-07-01T00:00:00Z',
      recordedAt: '2023-07-01T00:00:00Z',
    });
    log.add(
      'EntryRetracted',
      { targetEventId: wrong.eventId, targetType: 'PositionEndorsed', reason: bi('no decision was taken') },
      { occurredAt: '2023-08-01T00:00:00Z', recordedAt: '2023-08-01T00:00:00Z', streamName: 'position-scope' },
    );
    t.equal(positionAt(log.envelopes, 'valid', '2023-07-15').inForce?.version, 1, 'valid axis knows it was retracted');
    t.equal(
      positionAt(log.envelopes, 'recorded', '2023-07-15').inForce?.version,
      2,
      'the ledger on 15 July still showed version 2',
    );
    t.equal(positionAt(log.envelopes, 'recorded', '2023-08-02').inForce?.version, 1);
  },
);

t.test('retracting a retraction reinstates the entry', async (t) => {
  const log = basicLog();
  const e = log.add('PositionEndorsed', endorse('scope', 2, '2023-07-01'), {
    occurredAt: '2023-07-01T00:00:00Z',
    recordedAt: '2023-07-01T00:00:00Z',
  });
  const r = log.add(
    'EntryRetracted',
    { targetEventId: e.eventId, targetType: 'PositionEndorsed', reason: bi('mistake') },
    { occurredAt: '2023-08-01T00:00:00Z', recordedAt: '2023-08-01T00:00:00Z', streamName: 'position-scope' },
  );
  log.add(
    'EntryRetracted',
    {
      targetEventId: r.eventId,
      targetType: 'EntryRetracted',
      reason: bi('the retraction was the mistake'),
      reinstates: e.eventId,
    },
    { occurredAt: '2023-09-01T00:00:00Z', recordedAt: '2023-09-01T00:00:00Z', streamName: 'position-scope' },
  );
  t.equal(positionAt(log.envelopes, 'valid', '2023-12-01').inForce?.version, 2);
  t.equal(positionAt(log.envelopes, 'recorded', '2023-08-15').inForce?.version, 1);
});

t.test('withdrawing the version in force leaves no position in force', async (t) => {
  const log = basicLog();
  log.add(
    'PositionWithdrawn',
    { issueId: 'scope', version: 1, wasInForce: true, reason: bi('overtaken'), effectiveFrom: '2023-01-01' },
    { occurredAt: '2023-01-01T00:00:00Z', recordedAt: '2023-01-01T00:00:00Z' },
  );
  t.equal(positionAt(log.envelopes, 'valid', '2022-12-01').inForce?.version, 1);
  t.equal(positionAt(log.envelopes, 'valid', '2023-02-01').inForce, null);
});

t.test(
  'a draft basis is resolved to the agency views it rests on, and a retracted view shows as missing',
  async (t) => {
    const log = createLog();
    const cid = '6f1c1f3e-2b5e-4a3e-9a3e-1c2d3e4f5a6b';
    const view = log.add(
      'AgencyViewRecorded',
      {
        consultationId: cid,
        issueId: 'scope',
        agency: 'OAG',
        stance: 'support',
        summary: bi('compare with Thai law'),
        domesticLawRefs: [],
        attestation: 'minutes',
      },
      { occurredAt: '2021-12-28T03:00:00Z', recordedAt: '2022-01-15T00:00:00Z' },
    );
    log.add(
      'PositionDrafted',
      draft('scope', 1, 'listening', { basis: { consultationIds: [cid], eventIds: [view.eventId] } }),
      { occurredAt: '2022-01-20T00:00:00Z', recordedAt: '2022-01-20T00:00:00Z' },
    );
    const before = positionAt(log.envelopes, 'valid', '2022-02-01');
    t.same(
      before.pendingDraft?.basis.inputs.map((i) => (isInputRecord(i) ? i.agency : null)),
      ['OAG'],
    );
    t.same(before.pendingDraft?.basis.consultationIds, [cid]);
    log.add(
      'EntryRetracted',
      { targetEventId: view.eventId, targetType: 'AgencyViewRecorded', reason: bi('wrong agency') },
      { occurredAt: '2022-03-01T00:00:00Z', recordedAt: '2022-03-01T00:00:00Z', streamName: `consultation-${cid}` },
    );
    const after = positionAt(log.envelopes, 'valid', '2022-04-01');
    t.same(after.pendingDraft?.basis.inputs, []);
    t.same(after.pendingDraft?.basis.missing, [view.eventId]);
  },
);

t.test(
  'inputs shared between successive states: each state sees only the inputs folded into it, whatever is folded after or beside it',
  async (t) => {
    const log = createLog();
    const cid = '3c9f1a2b-7d4e-4f60-8a1b-2c3d4e5f6a7b';
    const at = { occurredAt: '2022-01-10T00:00:00Z', recordedAt: '2022-01-10T00:00:00Z' };
    const view = (agency: 'OAG' | 'RTP' | 'NSC') =>
      log.add(
        'AgencyViewRecorded',
        {
          consultationId: cid,
          issueId: 'scope',
          agency,
          stance: 'support',
          summary: bi(agency),
          domesticLawRefs: [],
          attestation: 'agency',
        },
        at,
      );
    const [a, b, c] = [view('OAG'), view('RTP'), view('NSC')];
    const base = foldAll(currentPosition, [a]).state;
    const withB = currentPosition.evolve(base, b);
    const withC = currentPosition.evolve(base, c);
    t.same(
      [inputOf(base, a.eventId)?.agency, inputOf(base, b.eventId), inputOf(base, c.eventId)],
      ['OAG', undefined, undefined],
      'the earlier state is as it was',
    );
    t.same(
      [inputOf(withB, b.eventId)?.agency, inputOf(withB, c.eventId)],
      ['RTP', undefined],
      'one branch sees its own input',
    );
    t.same(
      [inputOf(withC, c.eventId)?.agency, inputOf(withC, b.eventId), inputOf(withC, a.eventId)?.agency],
      ['NSC', undefined, 'OAG'],
      'the other branch its own and the shared one',
    );
    t.equal(
      inputOf(currentPosition.evolve(withB, c), c.eventId)?.agency,
      'NSC',
      'and a branch goes on from where it is',
    );
  },
);
