// A small ledger that uses every event type once or more, on one process, issue, session and
// consultation, with a backdated consultation and a retraction.
import { LEDGER_EVENT_TYPES } from '../../contracts/events/index.js';
import { bi, createLog, draft, endorse, issue, points } from './fixtures.js';

export const CONSULTATION = '0b7d6c1e-4a3b-4c2d-8e9f-0a1b2c3d4e5f';

export function everyEventLog() {
  const log = createLog();
  const a = (occurredAt: string, recordedAt = occurredAt) => ({ occurredAt, recordedAt });
  log.add(
    'NegotiationProcessRegistered',
    {
      processId: 'ahc',
      kind: 'treaty-negotiation',
      title: bi('AHC'),
      forum: 'UNGA AHC',
      mandate: ['A/RES/74/247'],
      leadAgency: 'MFA',
    },
    a('2019-12-27T00:00:00Z'),
  );
  log.add(
    'MilestoneRecorded',
    { processId: 'ahc', milestone: 'mandate-adopted', on: '2019-12-27', uncertain: false },
    a('2019-12-27T00:00:00Z'),
  );
  log.add('IssueRegistered', issue('scope'), a('2021-12-01T00:00:00Z'));
  log.add('IssueRetitled', { issueId: 'scope', title: bi('Title and scope') }, a('2021-12-02T00:00:00Z'));
  log.add(
    'SessionScheduled',
    {
      sessionId: 'ahc-1',
      processId: 'ahc',
      number: 1,
      title: bi('First session'),
      venue: { city: 'New York', timeZone: 'America/New_York' },
      from: '2022-01-17',
      to: '2022-01-28',
      format: 'in-person',
    },
    a('2021-11-01T00:00:00Z'),
  );
  log.add(
    'SessionRescheduled',
    {
      sessionId: 'ahc-1',
      from: '2022-02-28',
      to: '2022-03-11',
      venue: { city: 'New York', timeZone: 'America/New_York' },
    },
    a('2022-01-05T00:00:00Z'),
  );
  // Held 28 Dec 2021, logged three weeks later: backdated.
  log.add(
    'ConsultationConvened',
    {
      consultationId: CONSULTATION,
      title: bi('Preparation for AHC-1'),
      heldOn: '2021-12-28',
      convener: 'MFA',
      format: 'in-person',
      participants: ['MFA', 'OAG', 'RTP', 'NSC'],
      agenda: ['scope'],
      urgency: 'most-urgent',
      classification: 'confidential',
    },
    a('2021-12-28T03:00:00Z', '2022-01-18T00:00:00Z'),
  );
  log.add(
    'AgencyViewRecorded',
    {
      consultationId: CONSULTATION,
      issueId: 'scope',
      agency: 'OAG',
      stance: 'listening',
      summary: bi('listen first'),
      domesticLawRefs: ['Computer-Related Crime Act B.E. 2550'],
      attestation: 'minutes',
    },
    a('2021-12-28T04:00:00Z', '2022-01-18T00:01:00Z'),
  );
  log.add(
    'AgencyViewRecorded',
    {
      consultationId: CONSULTATION,
      issueId: 'scope',
      agency: 'RTP',
      stance: 'support',
      summary: bi('broad scope helps investigations'),
      conditions: points('secret', 'keep 24/7 network'),
      domesticLawRefs: [],
      attestation: 'agency',
    },
    a('2021-12-28T04:10:00Z', '2022-01-18T00:02:00Z'),
  );
  log.add(
    'ConsultationOutcomeRecorded',
    {
      consultationId: CONSULTATION,
      issueId: 'scope',
      outcome: 'majority',
      recommendedStance: 'listening',
      summary: bi('listen at session 1'),
      supporting: ['MFA', 'OAG', 'NSC'],
      dissenting: ['RTP'],
      followUps: [{ id: 'draft-framework', action: bi('MFA drafts the framework'), owner: 'MFA', due: '2022-01-31' }],
    },
    a('2021-12-28T05:00:00Z', '2022-01-18T00:03:00Z'),
  );
  log.add(
    'ConsultationClosed',
    { consultationId: CONSULTATION, on: '2021-12-28' },
    a('2021-12-28T06:00:00Z', '2022-01-18T00:04:00Z'),
  );
  log.add('PositionDrafted', draft('scope', 1, 'listening'), a('2022-01-20T00:00:00Z'));
  log.add('PositionEndorsed', endorse('scope', 1, '2022-01-25'), a('2022-01-25T00:00:00Z'));
  log.add(
    'DraftTextStatusChanged',
    { issueId: 'scope', status: 'bracketed', on: '2022-03-01' },
    a('2022-03-01T00:00:00Z'),
  );
  log.add(
    'StatementDelivered',
    { issueId: 'scope', sessionId: 'ahc-1', deliveredOn: '2022-03-01', version: 1, summary: bi('Thailand listens') },
    a('2022-03-01T15:00:00Z'),
  );
  log.add(
    'SessionConcluded',
    { sessionId: 'ahc-1', on: '2022-03-11', result: 'completed', uncertain: false },
    a('2022-03-11T23:00:00Z'),
  );
  log.add(
    'PositionDrafted',
    draft('scope', 2, 'support-with-amendments', {
      redLines: points('secret', 'no data retention mandate', 'human rights safeguards'),
      previousVersion: 1,
    }),
    a('2023-12-01T00:00:00Z'),
  );
  log.add('PositionEndorsed', endorse('scope', 2, '2024-01-23', 'cabinet'), a('2024-01-23T00:00:00Z'));
  const mistaken = log.add('PositionDrafted', draft('scope', 3, 'oppose'), a('2024-03-01T00:00:00Z'));
  log.add(
    'EntryRetracted',
    { targetEventId: mistaken.eventId, targetType: 'PositionDrafted', reason: bi('drafted on the wrong issue') },
    { ...a('2024-03-02T00:00:00Z'), streamName: 'position-scope' },
  );
  log.add('PositionDrafted', draft('scope', 4, 'propose-own-text'), a('2024-04-01T00:00:00Z'));
  log.add(
    'PositionWithdrawn',
    { issueId: 'scope', version: 4, wasInForce: false, reason: bi('not pursued'), effectiveFrom: '2024-05-01' },
    a('2024-05-01T00:00:00Z'),
  );
  log.add(
    'FollowUpRecorded',
    {
      issueId: 'scope',
      followUpId: 'commitment-1',
      area: { id: 'governance', title: bi('Governance') },
      action: bi('Make it a priority'),
    },
    a('2024-12-01T00:00:00Z'),
  );
  log.add(
    'FollowUpStatusChanged',
    { issueId: 'scope', followUpId: 'commitment-1', from: 'open', status: 'in-progress', on: '2024-12-10' },
    a('2024-12-10T00:00:00Z'),
  );
  log.add(
    'PositionOutcomeRecorded',
    { issueId: 'scope', result: 'partly-reflected', article: '2' },
    a('2024-12-24T00:00:00Z'),
  );
  log.add(
    'IssueClosed',
    { issueId: 'scope', on: '2024-12-24', reason: bi('convention adopted') },
    a('2024-12-24T00:00:00Z'),
  );
  const covered = new Set(log.envelopes.map((e) => e.event.type));
  const missing = LEDGER_EVENT_TYPES.filter((type) => !covered.has(type));
  if (missing.length > 0) throw new Error(`timeline misses ${missing.join(', ')}`);
  return log;
}
