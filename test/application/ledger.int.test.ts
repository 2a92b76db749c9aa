import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import t from 'tap';
import { LedgerCommand, type LedgerCommandInput, type Principal } from '../../contracts/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { openTestStore } from '../helpers/esdb.js';
import { claimLeftByCrash, ctx, negotiator, newProcessId, registerProcess } from './ledger-fixtures.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);
const requestHashKey = createSecretKey(randomBytes(32));
const ledger = createLedger({
  store,
  logger: pino({ level: 'silent' }),
  clock: () => new Date('2026-01-15T03:00:00.000Z'),
  requestHashKey,
});

const command = (input: LedgerCommandInput) => LedgerCommand.parse(input);
const milestone = (processId: string, note = 'first') =>
  command({ type: 'RecordMilestone', processId, milestone: 'other', on: '2024-08-08', note: { th: note, en: note } });

t.test('records a command as events carrying actor, ids and the request hash', async (t) => {
  const principal = negotiator();
  const processId = newProcessId();
  const context = ctx(principal, { causationId: 'cause-1' });
  const result = await ledger.execute(registerProcess(processId), context);
  t.equal(result.streamName, `process-${processId}`);
  t.equal(result.revision, '0');
  t.equal(result.replayed, false);
  t.equal(result.eventIds.length, 1);
  const read = await store.readStream(result.streamName);
  t.same(
    read.events.map((e) => e.id),
    result.eventIds,
  );
  t.same(
    { commit: read.events[0]?.position.commit.toString(), prepare: read.events[0]?.position.prepare.toString() },
    result.position,
  );
  t.match(read.events[0]?.metadata, {
    actor: { principalId: principal.id, agency: 'MFA', role: 'negotiator' },
    occurredAt: '2026-01-15T03:00:00.000Z',
    correlationId: context.correlationId,
    causationId: 'cause-1',
    schema: Number,
    idempotencyKey: context.idempotencyKey,
    requestHash: /^[0-9a-f]{64}$/,
  });
});

t.test('a retried request with the same Idempotency-Key appends nothing and returns the first answer', async (t) => {
  const processId = newProcessId();
  const context = ctx(negotiator());
  const first = await ledger.execute(registerProcess(processId), context);
  const again = await ledger.execute(registerProcess(processId), { ...context, correlationId: randomUUID() });
  t.same(again, { ...first, replayed: true });
  t.equal((await store.readStream(first.streamName)).events.length, 1);
});

t.test('the same Idempotency-Key with a different body is refused and changes nothing', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  await ledger.execute(registerProcess(processId), ctx(principal));
  const context = ctx(principal);
  await ledger.execute(milestone(processId, 'first'), context);
  await t.rejects(ledger.execute(milestone(processId, 'changed'), context), {
    code: 'idempotency_key_reused',
    kind: 'conflict',
  });
  t.equal((await store.readStream(`process-${processId}`)).events.length, 2);
});

t.test('the same Idempotency-Key from another principal is another request', async (t) => {
  const processId = newProcessId();
  await ledger.execute(registerProcess(processId), ctx(negotiator()));
  const key = randomUUID();
  const a = await ledger.execute(milestone(processId), ctx(negotiator(), { idempotencyKey: key }));
  const b = await ledger.execute(milestone(processId), ctx(negotiator(), { idempotencyKey: key }));
  t.notSame(a.eventIds, b.eventIds);
  t.equal(b.replayed, false);
  t.equal((await store.readStream(`process-${processId}`)).events.length, 3);
});

t.test(
  'the same Idempotency-Key sent with a command for another stream is refused and appends nothing there',
  async (t) => {
    const principal = negotiator();
    const first = newProcessId();
    const second = newProcessId();
    await ledger.execute(registerProcess(first), ctx(principal));
    await ledger.execute(registerProcess(second), ctx(principal));
    const context = ctx(principal);
    await ledger.execute(milestone(first, 'signed'), context);
    await t.rejects(ledger.execute(milestone(second, 'signed'), context), {
      code: 'idempotency_key_reused',
      kind: 'conflict',
      details: {
        idempotencyKey: context.idempotencyKey,
        streamName: `process-${first}`,
        commandType: 'RecordMilestone',
      },
    });
    await t.rejects(
      ledger.execute(registerProcess(newProcessId()), context),
      { code: 'idempotency_key_reused' },
      'another command type too',
    );
    t.equal((await store.readStream(`process-${second}`)).events.length, 1, 'the other stream is unchanged');
    const again = await ledger.execute(milestone(first, 'signed'), context);
    t.equal(again.replayed, true, 'the first request can still be retried');
  },
);

t.test(
  'a key held by another request is refused as reused before any other refusal the new request would get',
  async (t) => {
    const principal = negotiator();
    const held = newProcessId();
    await ledger.execute(registerProcess(held), ctx(principal));
    const context = ctx(principal);
    await ledger.execute(milestone(held, 'signed'), context);
    const reused = { code: 'idempotency_key_reused', details: { commandType: 'RecordMilestone' } };
    await t.rejects(ledger.execute(milestone(newProcessId()), context), reused, 'rather than process_not_found');
    await t.rejects(ledger.execute(registerProcess(held), context), reused, 'rather than process_already_registered');
    await t.rejects(
      ledger.execute(milestone(held, 'other'), { ...context, expectedRevision: 0n }),
      reused,
      'rather than a failed If-Match',
    );
    await t.rejects(
      ledger.execute(milestone(held, 'later'), { ...context, occurredAt: '2027-01-01T00:00:00.000Z' }),
      reused,
      'rather than occurred_at_in_future',
    );
    t.equal((await store.readStream(`process-${held}`)).events.length, 2, 'nothing appended');
  },
);

t.test('concurrent requests under one key for different streams: exactly one lands', async (t) => {
  const principal = negotiator();
  const ids = [newProcessId(), newProcessId(), newProcessId()];
  const context = ctx(principal);
  const settled = await Promise.allSettled(ids.map((id) => ledger.execute(registerProcess(id), context)));
  t.equal(settled.filter((s) => s.status === 'fulfilled').length, 1);
  for (const s of settled) {
    if (s.status === 'rejected') t.match(s.reason, { code: 'idempotency_key_reused' });
  }
  const written = await Promise.all(ids.map(async (id) => (await store.readStream(`process-${id}`)).events.length));
  t.same(written.sort(), [0, 0, 1]);
});

t.test(
  'a request whose key was claimed but whose events never landed (a crash in between) completes on retry',
  async (t) => {
    const processId = newProcessId();
    const context = ctx(negotiator());
    const cmd = registerProcess(processId);
    await claimLeftByCrash(store, requestHashKey, context, cmd, `process-${processId}`);
    const retried = await ledger.execute(cmd, context);
    t.equal(retried.replayed, false);
    t.equal(retried.eventIds.length, 1, 'the retry appended the events');
    t.same(await ledger.execute(cmd, context), { ...retried, replayed: true });
  },
);

t.test('a key whose request the ledger refused stays free for the corrected request', async (t) => {
  const principal = negotiator();
  const processId = newProcessId();
  const context = ctx(principal);
  await t.rejects(ledger.execute(milestone(processId), context), { code: 'process_not_found' }, 'no such process yet');
  await ledger.execute(registerProcess(processId), ctx(principal));
  const corrected = await ledger.execute(milestone(processId), context);
  t.equal(corrected.replayed, false);
  t.equal((await store.readStream(`process-${processId}`)).events.length, 2);
});

t.test('refuses a principal whose roles may not issue the command, appending nothing', async (t) => {
  const processId = newProcessId();
  const auditor: Principal = { id: 'auditor-1', agency: 'OAG', roles: ['auditor'], clearance: 'top-secret' };
  await t.rejects(ledger.execute(registerProcess(processId), ctx(auditor)), {
    name: 'DomainError',
    kind: 'forbidden',
    code: 'role_not_allowed',
  });
  const officer: Principal = { id: 'oag-1', agency: 'OAG', roles: ['agency-officer'], clearance: 'secret' };
  await t.rejects(ledger.execute(registerProcess(processId), ctx(officer)), { code: 'role_not_allowed' });
  t.equal((await store.readStream(`process-${processId}`)).revision, 'no_stream');
});

t.test('a broken ledger rule appends nothing', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  await ledger.execute(registerProcess(processId), ctx(principal));
  await t.rejects(ledger.execute(registerProcess(processId), ctx(principal)), {
    name: 'DomainError',
    code: 'process_already_registered',
  });
  t.equal((await store.readStream(`process-${processId}`)).events.length, 1);
});

t.test('If-Match at the current revision appends; a stale one answers PreconditionFailedError', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  const created = await ledger.execute(registerProcess(processId), ctx(principal, { expectedRevision: 'no_stream' }));
  t.equal(created.revision, '0');
  const next = await ledger.execute(milestone(processId, 'a'), ctx(principal, { expectedRevision: 0n }));
  t.equal(next.revision, '1');
  await t.rejects(ledger.execute(milestone(processId, 'b'), ctx(principal, { expectedRevision: 0n })), {
    name: 'PreconditionFailedError',
    code: 'precondition_failed',
    expected: 0n,
    actual: 1n,
  });
  await t.rejects(ledger.execute(registerProcess(newProcessId()), ctx(principal, { expectedRevision: 3n })), {
    name: 'PreconditionFailedError',
    actual: 'no_stream',
  });
  t.equal((await store.readStream(`process-${processId}`)).events.length, 2);
});

t.test('concurrent different commands on one stream all land: the loser of a race decides again', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  await ledger.execute(registerProcess(processId), ctx(principal));
  const results = await Promise.all(
    ['a', 'b', 'c'].map((note) => ledger.execute(milestone(processId, note), ctx(principal))),
  );
  t.same(results.map((r) => r.revision).sort(), ['1', '2', '3']);
  const read = await store.readStream(`process-${processId}`);
  t.equal(read.events.length, 4, 'every command landed once, and the hash chain still verifies');
});

t.test('concurrent identical requests append a single copy and give the same answer', async (t) => {
  const processId = newProcessId();
  const context = ctx(negotiator());
  const results = await Promise.all([1, 2, 3].map(() => ledger.execute(registerProcess(processId), context)));
  for (const r of results) t.same(r.eventIds, results[0]?.eventIds);
  t.equal((await store.readStream(`process-${processId}`)).events.length, 1);
});

t.test('concurrent requests under one key with different bodies: one lands, the others are refused', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  await ledger.execute(registerProcess(processId), ctx(principal));
  const context = ctx(principal);
  const settled = await Promise.allSettled(
    ['x', 'y', 'z'].map((note) => ledger.execute(milestone(processId, note), context)),
  );
  const landed = settled.filter((s) => s.status === 'fulfilled');
  t.equal(landed.length, 1);
  for (const s of settled) {
    if (s.status === 'rejected') t.match(s.reason, { code: 'idempotency_key_reused' });
  }
  t.equal((await store.readStream(`process-${processId}`)).events.length, 2);
});

t.test('a request without an Idempotency-Key still appends, with fresh ids each time', async (t) => {
  const processId = newProcessId();
  const principal = negotiator();
  const { idempotencyKey: _omitted, ...noKey } = ctx(principal);
  await ledger.execute(registerProcess(processId), noKey);
  const a = await ledger.execute(milestone(processId), noKey);
  const b = await ledger.execute(milestone(processId), noKey);
  t.notSame(a.eventIds, b.eventIds);
  t.equal((await store.readStream(`process-${processId}`)).events.length, 3);
});

t.test('refuses to draft a position on an issue that is not on the ledger, appending nothing', async (t) => {
  const issueId = `i${randomUUID().slice(0, 8)}`;
  const draft = command({ type: 'DraftPosition', issueId, stance: 'support', summary: { th: 'ร่าง', en: 'draft' } });
  await t.rejects(ledger.execute(draft, ctx(negotiator())), {
    name: 'DomainError',
    kind: 'not_found',
    code: 'issue_not_found',
  });
  t.equal((await store.readStream(`position-${issueId}`)).revision, 'no_stream');

  const processId = newProcessId();
  await ledger.execute(registerProcess(processId), ctx(negotiator()));
  await ledger.execute(
    command({ type: 'RegisterIssue', issueId, processId, code: 'QA-1', title: { th: 'ประเด็น', en: 'issue' } }),
    ctx(negotiator()),
  );
  const drafted = await ledger.execute(draft, ctx(negotiator()));
  t.equal(drafted.streamName, `position-${issueId}`);
});

t.test('refuses a consultation whose agenda names an issue that is not on the ledger, appending nothing', async (t) => {
  const consultationId = randomUUID();
  const unknown = `i${randomUUID().slice(0, 8)}`;
  const convene = command({
    type: 'ConveneConsultation',
    consultationId,
    title: { th: 'ประชุม', en: 'meeting' },
    heldOn: '2022-01-15',
    convener: 'MFA',
    participants: ['MFA', 'OAG'],
    agenda: [unknown],
  });
  await t.rejects(ledger.execute(convene, ctx(negotiator())), {
    code: 'issue_not_found',
    details: { issueId: unknown, field: 'agenda/0' },
  });
  t.equal((await store.readStream(`consultation-${consultationId}`)).revision, 'no_stream');
});

t.test('refuses a statement at a session that is not on the ledger, appending nothing', async (t) => {
  const processId = newProcessId();
  const issueId = `i${randomUUID().slice(0, 8)}`;
  const principal: Principal = { ...negotiator(), roles: ['negotiator', 'approver'] };
  await ledger.execute(registerProcess(processId), ctx(principal));
  await ledger.execute(
    command({ type: 'RegisterIssue', issueId, processId, code: 'QA-2', title: { th: 'ประเด็น', en: 'issue' } }),
    ctx(principal),
  );
  await ledger.execute(
    command({ type: 'DraftPosition', issueId, stance: 'support', summary: { th: 'ร่าง', en: 'draft' } }),
    ctx(principal),
  );
  const before = (await store.readStream(`position-${issueId}`)).revision;
  const statement = command({
    type: 'RecordStatement',
    issueId,
    sessionId: `no-session-${randomUUID().slice(0, 8)}`,
    deliveredOn: '2022-03-01',
    summary: { th: 'ถ้อยแถลง', en: 'statement' },
  });
  await t.rejects(ledger.execute(statement, ctx(principal)), { kind: 'not_found', code: 'session_not_found' });
  t.equal((await store.readStream(`position-${issueId}`)).revision, before);
});

t.test('refuses an issue or a session of a process that is not on the ledger, appending nothing', async (t) => {
  const processId = newProcessId();
  const issueId = `i${randomUUID().slice(0, 8)}`;
  const sessionId = `s${randomUUID().slice(0, 8)}`;
  const register = command({
    type: 'RegisterIssue',
    issueId,
    processId,
    code: 'QA-3',
    title: { th: 'ประเด็น', en: 'issue' },
  });
  await t.rejects(ledger.execute(register, ctx(negotiator())), {
    kind: 'not_found',
    code: 'process_not_found',
    details: { processId },
  });
  const schedule = command({
    type: 'ScheduleSession',
    sessionId,
    processId,
    title: { th: 'สมัยประชุม', en: 'session' },
    venue: { city: 'Vienna', country: 'AT', timeZone: 'Europe/Vienna' },
    from: '2022-02-28',
    to: '2022-03-11',
  });
  await t.rejects(ledger.execute(schedule, ctx(negotiator())), { kind: 'not_found', code: 'process_not_found' });
  t.equal((await store.readStream(`issue-${issueId}`)).revision, 'no_stream');
  t.equal((await store.readStream(`session-${sessionId}`)).revision, 'no_stream');
});

t.test('the same Idempotency-Key with another Occurred-At is refused as reused and keeps the first date', async (t) => {
  const principal = negotiator();
  const processId = newProcessId();
  await ledger.execute(registerProcess(processId), ctx(principal));
  const context = ctx(principal, { occurredAt: '2024-08-08T02:00:00.000Z' });
  const first = await ledger.execute(milestone(processId), context);
  await t.rejects(ledger.execute(milestone(processId), { ...context, occurredAt: '2024-08-09T02:00:00.000Z' }), {
    code: 'idempotency_key_reused',
  });
  const { occurredAt: _none, ...without } = context;
  await t.rejects(
    ledger.execute(milestone(processId), without),
    { code: 'idempotency_key_reused' },
    'nor without Occurred-At',
  );
  await t.rejects(
    ledger.execute(milestone(processId), { ...context, timeZone: 'Europe/Vienna' }),
    { code: 'idempotency_key_reused' },
    'nor with another time zone',
  );
  const read = await store.readStream(`process-${processId}`);
  t.equal(read.events.length, 2);
  t.equal(read.events[1]?.metadata['occurredAt'], '2024-08-08T02:00:00.000Z', 'the first date stands');
  t.same(
    await ledger.execute(milestone(processId), { ...context, correlationId: randomUUID() }),
    { ...first, replayed: true },
    'the same Occurred-At replays',
  );
});

t.test(
  'a retry of a request stored before Occurred-At entered the request hash is still recognised, and its date still checked',
  async (t) => {
    const principal = negotiator();
    const processId = newProcessId();
    await ledger.execute(registerProcess(processId), ctx(principal));
    const cmd = milestone(processId);
    const key = randomUUID();
    const head = await store.readStream(`process-${processId}`);
    // As the ledger wrote it before: requestHash = sha-256 of the canonical command alone.
    const legacyHash = createHash('sha256').update(canonicalJson(cmd)).digest('hex');
    await store.append(
      `process-${processId}`,
      [
        {
          id: randomUUID(),
          type: 'MilestoneRecorded',
          data: {
            processId,
            milestone: 'other',
            on: '2024-08-08',
            note: { th: 'first', en: 'first' },
            uncertain: false,
          },
          metadata: {
            actor: { principalId: principal.id, agency: 'MFA', role: 'negotiator' },
            occurredAt: '2024-08-08T02:00:00.000Z',
            correlationId: 'c',
            causationId: 'c',
            schema: 2,
            idempotencyKey: key,
            requestHash: legacyHash,
          },
        },
      ],
      { expectedRevision: head.revision, chainHead: head.head },
    );
    const context = ctx(principal, { idempotencyKey: key, occurredAt: '2024-08-08T02:00:00.000Z' });
    const retried = await ledger.execute(cmd, context);
    t.equal(retried.replayed, true, 'recognised as the first request');
    await t.rejects(
      ledger.execute(cmd, { ...context, occurredAt: '2024-08-09T02:00:00.000Z' }),
      { code: 'idempotency_key_reused' },
      'another date is refused',
    );
    t.equal((await store.readStream(`process-${processId}`)).events.length, 2);
  },
);
