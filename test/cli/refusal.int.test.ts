// A command the ledger refuses is named by the same code at the terminal as over HTTP: the agency rule
// (src/domain/agency.ts) has one code, `agency_mismatch`, whichever boundary reports it.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { pino } from 'pino';
import { LedgerCommand, type LedgerCommandInput, type Principal } from '../../contracts/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { failureLine } from '../../src/cli/failure.js';
import { toProblem } from '../../src/http/errors/to-problem.js';
import { translateApplicationError } from '../../src/http/errors/application.js';
import { translateDomainError } from '../../src/http/errors/domain.js';
import { translateStoreError } from '../../src/http/errors/store.js';
import { openTestStore } from '../helpers/esdb.js';

t.test('an OAG officer recording a view as RTP is refused agency_mismatch, at the terminal as over HTTP', async (t) => {
  const test = await openTestStore();
  t.teardown(() => test.close());
  const ledger = createLedger({ store: createLedgerStore(test.client), logger: pino({ level: 'silent' }) });
  const mfa: Principal = { id: `mfa-${randomUUID()}`, agency: 'MFA', roles: ['admin'], clearance: 'secret' };
  const oag: Principal = { id: `oag-${randomUUID()}`, agency: 'OAG', roles: ['agency-officer'], clearance: 'secret' };
  const suffix = randomUUID().slice(0, 8);
  const processId = `proc-${suffix}`;
  const issueId = `issue-${suffix}`;
  const consultationId = randomUUID();
  const text = (en: string) => ({ th: `ข้อความ ${en}`, en });
  const as = (principal: Principal) => ({ principal, idempotencyKey: randomUUID(), correlationId: randomUUID() });
  // As the HTTP routes and the seed hand commands to the ledger: parsed by the contract.
  const run = (command: LedgerCommandInput, principal: Principal) =>
    ledger.execute(LedgerCommand.parse(command), as(principal));
  await run(
    { type: 'RegisterProcess', processId, kind: 'treaty-negotiation', title: text('Process'), forum: 'UN' },
    mfa,
  );
  await run(
    { type: 'RegisterIssue', issueId, processId, code: 'ART-1', title: text('Issue'), refs: { articles: ['1'] } },
    mfa,
  );
  await run(
    {
      type: 'ConveneConsultation',
      consultationId,
      title: text('Consultation'),
      heldOn: '2024-01-10',
      convener: 'MFA',
      participants: ['MFA', 'OAG', 'RTP'],
      agenda: [issueId],
    },
    mfa,
  );

  const refused = await run(
    { type: 'RecordAgencyView', consultationId, issueId, agency: 'RTP', stance: 'support', summary: text('View') },
    oag,
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.ok(refused !== undefined, 'the ledger refuses it');
  const problem = toProblem(refused, [translateApplicationError, translateDomainError, translateStoreError]);
  t.equal(problem.status, 403);
  t.equal(problem.code, 'agency_mismatch', 'HTTP answers 403 agency_mismatch');
  t.match(
    failureLine(refused),
    /^ledger: agency_mismatch: you act for OAG and cannot .* in the name of RTP/,
    'the terminal names the same code',
  );
});
