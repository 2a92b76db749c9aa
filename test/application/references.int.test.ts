// Commands that point at another stream: an unknown target is refused with a stable code and nothing
// is appended; a draft's basis must be views, outcomes or earlier drafts that exist on that issue.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import t from 'tap';
import { LedgerCommand, type Agency, type LedgerCommandInput, type Principal } from '../../contracts/index.js';
import { createLedger, type ExecuteContext } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);
const ledger = createLedger({ store, logger: pino({ level: 'silent' }) });

const mfa: Principal = {
  id: 'mfa-refs',
  agency: 'MFA',
  roles: ['negotiator', 'approver', 'agency-officer'],
  clearance: 'secret',
};
const officer = (agency: Agency): Principal => ({
  id: `${agency.toLowerCase()}-refs`,
  agency,
  roles: ['agency-officer'],
  clearance: 'secret',
});
const ctx = (principal: Principal = mfa): ExecuteContext => ({
  principal,
  idempotencyKey: randomUUID(),
  correlationId: randomUUID(),
});
const run = (input: LedgerCommandInput, principal: Principal = mfa) =>
  ledger.execute(LedgerCommand.parse(input), ctx(principal));
const text = (s: string) => ({ th: s, en: s });
const slug = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A process with two issues, a consultation on the first with an OAG view and an outcome on each. */
async function setting() {
  const processId = slug('p');
  const issueId = slug('i');
  const otherIssueId = slug('i');
  const consultationId = randomUUID();
  await run({ type: 'RegisterProcess', processId, kind: 'treaty-negotiation', title: text('process'), forum: 'UN' });
  await run({ type: 'RegisterIssue', issueId, processId, code: 'A-1', title: text('issue') });
  await run({ type: 'RegisterIssue', issueId: otherIssueId, processId, code: 'A-2', title: text('other issue') });
  await run({
    type: 'ConveneConsultation',
    consultationId,
    title: text('meeting'),
    heldOn: '2022-01-10',
    convener: 'MFA',
    participants: ['MFA', 'OAG'],
    agenda: [issueId, otherIssueId],
  });
  const view = async (issue: string) =>
    (
      await run(
        {
          type: 'RecordAgencyView',
          consultationId,
          issueId: issue,
          agency: 'OAG',
          stance: 'support',
          summary: text('view'),
        },
        officer('OAG'),
      )
    ).eventIds[0] ?? '';
  const viewId = await view(issueId);
  const otherViewId = await view(otherIssueId);
  const outcomeId =
    (
      await run({
        type: 'RecordConsultationOutcome',
        consultationId,
        issueId,
        outcome: 'consensus',
        recommendedStance: 'support',
        summary: text('agreed'),
      })
    ).eventIds[0] ?? '';
  return { processId, issueId, otherIssueId, consultationId, viewId, otherViewId, outcomeId };
}

const draft = (issueId: string, basis: { consultationIds?: string[]; eventIds?: string[] }): LedgerCommandInput => ({
  type: 'DraftPosition',
  issueId,
  stance: 'support',
  summary: text('draft'),
  basis,
});

async function positionLength(issueId: string): Promise<number> {
  return (await store.readStream(`position-${issueId}`)).events.length;
}

t.test(
  'a draft may rest on views and outcomes of its issue in the named consultations, and on earlier drafts',
  async (t) => {
    const s = await setting();
    const first = await run(
      draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [s.viewId, s.outcomeId] }),
    );
    t.equal(first.eventIds.length, 1);
    const second = await run(
      draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [first.eventIds[0] ?? '', s.viewId] }),
    );
    t.equal(second.revision, '1');
  },
);

t.test(
  'a draft naming a consultation that is not on the ledger answers consultation_not_found and appends nothing',
  async (t) => {
    const s = await setting();
    const unknown = randomUUID();
    await t.rejects(run(draft(s.issueId, { consultationIds: [s.consultationId, unknown] })), {
      kind: 'not_found',
      code: 'consultation_not_found',
      details: { consultationId: unknown, field: 'basis/consultationIds/1' },
    });
    t.equal(await positionLength(s.issueId), 0);
  },
);

t.test(
  'a basis event that is in none of the named consultations answers basis_event_not_found and appends nothing',
  async (t) => {
    const s = await setting();
    const invented = randomUUID();
    await t.rejects(run(draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [s.viewId, invented] })), {
      kind: 'not_found',
      code: 'basis_event_not_found',
      details: { eventId: invented, field: 'basis/eventIds/1' },
    });
    await t.rejects(
      run(draft(s.issueId, { eventIds: [s.viewId] })),
      { code: 'basis_event_not_found' },
      'a real view whose consultation is not named',
    );
    t.equal(await positionLength(s.issueId), 0);
  },
);

t.test('a basis event on another issue, or one that is not a view or outcome, is refused', async (t) => {
  const s = await setting();
  await t.rejects(run(draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [s.otherViewId] })), {
    kind: 'invalid',
    code: 'basis_event_off_issue',
    details: { eventId: s.otherViewId, issueId: s.otherIssueId },
  });
  const convened = (await store.readStream(`consultation-${s.consultationId}`)).events[0]?.id ?? '';
  await t.rejects(run(draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [convened] })), {
    kind: 'invalid',
    code: 'basis_event_not_an_input',
  });
  t.equal(await positionLength(s.issueId), 0);
});

t.test('a retracted view cannot be a basis', async (t) => {
  const s = await setting();
  await run(
    {
      type: 'RetractEntry',
      stream: { kind: 'consultation', id: s.consultationId },
      targetEventId: s.viewId,
      reason: text('recorded by mistake'),
    },
    officer('OAG'),
  );
  await t.rejects(run(draft(s.issueId, { consultationIds: [s.consultationId], eventIds: [s.viewId] })), {
    kind: 'conflict',
    code: 'basis_event_retracted',
  });
  t.equal(await positionLength(s.issueId), 0);
});

t.test(
  'endorsing, withdrawing or recording a final-text outcome for an issue that is not on the ledger answers issue_not_found',
  async (t) => {
    const issueId = slug('nowhere');
    const commands: LedgerCommandInput[] = [
      {
        type: 'EndorsePosition',
        issueId,
        version: 1,
        authority: 'mfa',
        decisionRef: 'MFA 1/2024',
        decidedOn: '2024-01-23',
      },
      { type: 'WithdrawPosition', issueId, version: 1, reason: text('no longer needed') },
      { type: 'RecordPositionOutcome', issueId, result: 'reflected', article: 'Art. 1' },
      { type: 'RecordStatement', issueId, sessionId: slug('s'), deliveredOn: '2024-02-01', summary: text('statement') },
    ];
    for (const command of commands) {
      await t.rejects(
        run(command),
        { kind: 'not_found', code: 'issue_not_found', details: { issueId, field: 'issueId' } },
        command.type,
      );
    }
    t.equal(await positionLength(issueId), 0);
  },
);

t.test('an endorsement of a version never drafted, or a statement of one, answers version_not_found', async (t) => {
  const s = await setting();
  const sessionId = slug('s');
  await run({
    type: 'ScheduleSession',
    sessionId,
    processId: s.processId,
    title: text('session'),
    venue: { city: 'Vienna', country: 'AT', timeZone: 'Europe/Vienna' },
    from: '2022-02-28',
    to: '2022-03-11',
  });
  await run(draft(s.issueId, {}));
  await t.rejects(
    run({
      type: 'EndorsePosition',
      issueId: s.issueId,
      version: 2,
      authority: 'mfa',
      decisionRef: 'MFA 2/2024',
      decidedOn: '2024-01-23',
    }),
    {
      kind: 'not_found',
      code: 'version_not_found',
    },
  );
  await t.rejects(
    run({
      type: 'RecordStatement',
      issueId: s.issueId,
      sessionId,
      version: 7,
      deliveredOn: '2022-03-01',
      summary: text('statement'),
    }),
    {
      kind: 'not_found',
      code: 'version_not_found',
    },
  );
  t.equal(await positionLength(s.issueId), 1);
});

t.test('a draft-text status change naming a session that is not on the ledger answers session_not_found', async (t) => {
  const s = await setting();
  const sessionId = slug('s');
  await t.rejects(
    run({ type: 'ChangeDraftTextStatus', issueId: s.issueId, status: 'bracketed', on: '2022-03-01', sessionId }),
    {
      kind: 'not_found',
      code: 'session_not_found',
      details: { sessionId, field: 'sessionId' },
    },
  );
  t.equal((await store.readStream(`issue-${s.issueId}`)).events.length, 1);
});

t.test('a statement, a draft-text status or a consultation agenda mixing two negotiations is refused', async (t) => {
  const s = await setting();
  const otherProcess = slug('p');
  const foreignSession = slug('s');
  const foreignIssue = slug('i');
  await run({
    type: 'RegisterProcess',
    processId: otherProcess,
    kind: 'working-group',
    title: text('other process'),
    forum: 'UN',
  });
  await run({
    type: 'ScheduleSession',
    sessionId: foreignSession,
    processId: otherProcess,
    title: text('session'),
    venue: { city: 'New York', timeZone: 'America/New_York' },
    from: '2022-03-28',
    to: '2022-04-01',
  });
  await run({
    type: 'RegisterIssue',
    issueId: foreignIssue,
    processId: otherProcess,
    code: 'B-1',
    title: text('foreign issue'),
  });
  await run(draft(s.issueId, {}));
  const before = await positionLength(s.issueId);
  await t.rejects(
    run({
      type: 'RecordStatement',
      issueId: s.issueId,
      sessionId: foreignSession,
      deliveredOn: '2022-03-29',
      summary: text('statement'),
    }),
    {
      kind: 'invalid',
      code: 'different_process',
      details: { field: 'sessionId', processId: otherProcess, expectedProcessId: s.processId },
    },
  );
  t.equal(await positionLength(s.issueId), before);
  await t.rejects(
    run({
      type: 'ChangeDraftTextStatus',
      issueId: s.issueId,
      status: 'bracketed',
      on: '2022-03-29',
      sessionId: foreignSession,
    }),
    {
      code: 'different_process',
    },
  );
  t.equal((await store.readStream(`issue-${s.issueId}`)).events.length, 1);
  const consultationId = randomUUID();
  await t.rejects(
    run({
      type: 'ConveneConsultation',
      consultationId,
      processId: s.processId,
      title: text('meeting'),
      heldOn: '2022-01-10',
      convener: 'MFA',
      participants: ['MFA'],
      agenda: [s.issueId, foreignIssue],
    }),
    { code: 'different_process', details: { field: 'agenda/1', processId: otherProcess } },
  );
  t.equal((await store.readStream(`consultation-${consultationId}`)).revision, 'no_stream');
});
