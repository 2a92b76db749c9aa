// Many writers on one stream (docs/adr/0015-write-contention.md): writes that do not depend on each other
// all land, in one process and across two (two ledgers over one store, each with its own client); a
// decision the others' writes really change is refused with the domain's own code; If-Match and
// Idempotency-Key keep their meaning under contention.
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import t from 'tap';
import {
  AGENCY_CODES,
  LedgerCommand,
  type Agency,
  type LedgerCommandInput,
  type Principal,
} from '../../contracts/index.js';
import { createLedger, type ExecuteContext, type Ledger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
const secondClient = EventStoreDBClient.connectionString(testStore.connectionString);
t.teardown(async () => {
  await secondClient.dispose();
  await testStore.close();
});
const logger = pino({ level: 'silent' });
const store = createLedgerStore(testStore.client);
// Every ledger process writing to one store shares the request-hash key (ADR 0020).
const requestHashKey = createSecretKey(randomBytes(32));
const ledger = createLedger({ store, logger, requestHashKey });
/** A second ledger over the same store through its own connection: another process, as far as the store can tell. */
const otherProcess = createLedger({ store: createLedgerStore(secondClient), logger, requestHashKey });

const text = (en: string) => ({ th: `ข้อความ ${en}`, en });
const command = (input: LedgerCommandInput) => LedgerCommand.parse(input);
const desk: Principal = { id: 'mfa-desk', agency: 'MFA', roles: ['negotiator', 'approver'], clearance: 'secret' };
const officer = (agency: Agency): Principal => ({
  id: `${agency.toLowerCase()}-officer`,
  agency,
  roles: ['agency-officer'],
  clearance: 'secret',
});
const ctx = (principal: Principal, extra: Partial<ExecuteContext> = {}): ExecuteContext => ({
  principal,
  idempotencyKey: randomUUID(),
  correlationId: randomUUID(),
  ...extra,
});

interface Setting {
  consultationId: string;
  issues: string[];
  sessionId: string;
}

/**
 * A process, `issueCount` issues with an endorsed position each, a session, and a consultation of every agency on them.
 */
async function setting(issueCount = 1): Promise<Setting> {
  const processId = `proc-${randomUUID().slice(0, 8)}`;
  await ledger.execute(
    command({ type: 'RegisterProcess', processId, kind: 'treaty-negotiation', title: text('AHC'), forum: 'UNGA' }),
    ctx(desk),
  );
  const sessionId = `sess-${randomUUID().slice(0, 8)}`;
  await ledger.execute(
    command({
      type: 'ScheduleSession',
      sessionId,
      processId,
      number: 1,
      title: text('Session 1'),
      venue: { city: 'New York', timeZone: 'America/New_York' },
      from: '2022-02-28',
      to: '2022-03-11',
    }),
    ctx(desk),
  );
  const issues: string[] = [];
  for (let i = 0; i < issueCount; i++) {
    const issueId = `issue-${randomUUID().slice(0, 8)}`;
    issues.push(issueId);
    await ledger.execute(
      command({ type: 'RegisterIssue', issueId, processId, code: `ART-${i}`, title: text(`Issue ${i}`) }),
      ctx(desk),
    );
    await ledger.execute(
      command({ type: 'DraftPosition', issueId, stance: 'listening', summary: text('Listen first') }),
      ctx(desk),
    );
    await ledger.execute(
      command({
        type: 'EndorsePosition',
        issueId,
        version: 1,
        authority: 'mfa',
        decisionRef: 'กต 1002/4',
        decidedOn: '2022-01-20',
      }),
      ctx(desk),
    );
  }
  const consultationId = randomUUID();
  await ledger.execute(
    command({
      type: 'ConveneConsultation',
      consultationId,
      title: text('Consultation'),
      heldOn: '2021-12-28',
      convener: 'MFA',
      participants: [...AGENCY_CODES],
      agenda: issues,
    }),
    ctx(desk),
  );
  return { consultationId, issues, sessionId };
}

const view = (s: Setting, agency: Agency, issueId = s.issues[0] ?? '') =>
  command({
    type: 'RecordAgencyView',
    consultationId: s.consultationId,
    issueId,
    agency,
    stance: 'support',
    summary: text(`${agency} supports`),
  });
const statement = (s: Setting, n: number, issueId = s.issues[0] ?? '') =>
  command({
    type: 'RecordStatement',
    issueId,
    sessionId: s.sessionId,
    deliveredOn: '2022-03-01',
    summary: text(`Statement ${n}`),
  });
const outcome = (s: Setting, n: number, issueId = s.issues[0] ?? '') =>
  command({
    type: 'RecordConsultationOutcome',
    consultationId: s.consultationId,
    issueId,
    outcome: 'deferred',
    summary: text(`Outcome ${n}`),
  });

const TEN = AGENCY_CODES.slice(0, 10);
const agencyOf = (data: unknown): unknown =>
  typeof data === 'object' && data !== null && 'agency' in data ? data.agency : undefined;

t.test(
  'ten agencies recording their views on one consultation at once, and ten statements on one position, all land',
  async (t) => {
    const s = await setting();
    const settled = await Promise.allSettled([
      ...TEN.map((agency) => ledger.execute(view(s, agency), ctx(officer(agency)))),
      ...TEN.map((_, n) => ledger.execute(statement(s, n), ctx(desk))),
    ]);
    const refused = settled.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    t.same(refused, [], 'no write was refused');
    const views = (await store.readStream(`consultation-${s.consultationId}`)).events.filter(
      (e) => e.type === 'AgencyViewRecorded',
    );
    t.same(views.map((e) => agencyOf(e.data)).sort(), [...TEN].sort(), 'one view per agency');
    const statements = (await store.readStream(`position-${s.issues[0]}`)).events.filter(
      (e) => e.type === 'StatementDelivered',
    );
    t.equal(statements.length, 10);
  },
);

t.test(
  'writers in two processes on one consultation all land: the loser of a race re-reads and decides again',
  async (t) => {
    const s = await setting(4);
    const writes = AGENCY_CODES.flatMap((agency, i) =>
      (s.issues.length > 0 ? s.issues : []).map((issueId, j) => ({
        agency,
        issueId,
        ledger: (i + j) % 2 === 0 ? ledger : otherProcess,
      })),
    );
    const settled = await Promise.allSettled(
      writes.map((w) => w.ledger.execute(view(s, w.agency, w.issueId), ctx(officer(w.agency)))),
    );
    const refused = settled.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    t.same(refused, [], `all ${writes.length} writes landed`);
    const events = (await store.readStream(`consultation-${s.consultationId}`)).events;
    t.equal(events.filter((e) => e.type === 'AgencyViewRecorded').length, writes.length);
  },
);

t.test(
  'a decision the others change is still refused with its domain code: one outcome per issue lands, the rest are outcome_already_recorded',
  async (t) => {
    const s = await setting();
    const writers: Ledger[] = [ledger, otherProcess];
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) => (writers[n % 2] ?? ledger).execute(outcome(s, n), ctx(desk))),
    );
    t.equal(settled.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one outcome lands');
    for (const r of settled)
      if (r.status === 'rejected')
        t.match(r.reason, { name: 'DomainError', code: 'outcome_already_recorded', kind: 'conflict' });
    const outcomes = (await store.readStream(`consultation-${s.consultationId}`)).events.filter(
      (e) => e.type === 'ConsultationOutcomeRecorded',
    );
    t.equal(outcomes.length, 1);
  },
);

t.test(
  'If-Match is never retried: of writers naming the same revision one lands, the others get PreconditionFailedError',
  async (t) => {
    const s = await setting();
    const revision = (await store.readStream(`consultation-${s.consultationId}`)).revision;
    if (revision === 'no_stream') throw new Error('the consultation was not written');
    const settled = await Promise.allSettled(
      TEN.map((agency) => ledger.execute(view(s, agency), ctx(officer(agency), { expectedRevision: revision }))),
    );
    t.equal(settled.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of settled)
      if (r.status === 'rejected') t.match(r.reason, { name: 'PreconditionFailedError', expected: revision });
    t.equal((await store.readStream(`consultation-${s.consultationId}`)).revision, revision + 1n);
  },
);

t.test(
  'the same request sent many times among other writers lands once and every copy gets the first answer',
  async (t) => {
    const s = await setting();
    const once = ctx(officer('OAG'));
    const copies = Array.from({ length: 5 }, (_, n) =>
      (n % 2 === 0 ? ledger : otherProcess).execute(view(s, 'OAG'), once),
    );
    const others = TEN.filter((a) => a !== 'OAG').map((agency) =>
      ledger.execute(view(s, agency), ctx(officer(agency))),
    );
    const [answers] = await Promise.all([Promise.all(copies), Promise.all(others)]);
    for (const a of answers) t.same(a.eventIds, answers[0]?.eventIds);
    const oag = (await store.readStream(`consultation-${s.consultationId}`)).events.filter(
      (e) => e.type === 'AgencyViewRecorded' && agencyOf(e.data) === 'OAG',
    );
    t.equal(oag.length, 1, 'one copy of the repeated request');
  },
);

t.test(
  'a write that loses every race to another process is decided again after each loss and gives up after its retries',
  async (t) => {
    const s = await setting();
    const stream = `consultation-${s.consultationId}`;
    let attempts = 0;
    // The real store, but before each of this ledger's appends to the consultation another process records a view.
    const overtaken: typeof store = {
      ...store,
      async append(name, events, options) {
        if (name === stream) {
          attempts += 1;
          await otherProcess.execute(view(s, 'RTP'), ctx(officer('RTP')));
        }
        return store.append(name, events, options);
      },
    };
    const unlucky = createLedger({
      store: overtaken,
      logger,
      requestHashKey,
      contention: { retries: 3, minDelayMs: 1, maxDelayMs: 2 },
    });
    await t.rejects(unlucky.execute(view(s, 'OAG'), ctx(officer('OAG'))), { name: 'ConcurrencyError' });
    t.equal(attempts, 4, 'the first attempt and three retries');
    const views = (await store.readStream(stream)).events.filter((e) => e.type === 'AgencyViewRecorded');
    t.same(
      views.map((e) => agencyOf(e.data)),
      ['RTP', 'RTP', 'RTP', 'RTP'],
      "only the other process's views landed",
    );
  },
);
