// The audit of classified reads (ADR 0037): a read that showed content above unclassified leaves a
// record naming who, the subject and the level shown; auditors page through them at /v1/audit/reads.
import t, { type Test } from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import type { Agency, Clearance, Principal, Role } from '../../../contracts/index.js';
import { buildApp, type LedgerApp } from '../../../src/http/app.js';
import { createLedger } from '../../../src/application/ledger.js';
import { createLedgerStore, type LedgerStore } from '../../../src/store/adapter.js';
import { createTokenStore } from '../../../src/auth/tokens.js';
import { createReadAuditLog, type ReadAuditEntry, type ReadAuditOptions } from '../../../src/read/read-audit.js';
import { openTestStore } from '../../helpers/esdb.js';
import { defaultHttpConfig } from '../helpers/api.js';
import { bodies, slug } from '../helpers/writes.js';

interface AuditedApi {
  app: LedgerApp;
  store: LedgerStore;
  tokenFor(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<{ token: string; id: string }>;
  get(url: string, token: string): Promise<LightMyRequestResponse>;
  post(url: string, body: object, token: string): Promise<LightMyRequestResponse>;
}

async function openAuditedApi(t: Test, audit: Partial<ReadAuditOptions> = {}): Promise<AuditedApi> {
  const testStore = await openTestStore();
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-read-audit-'));
  const logger = pino({ level: 'silent' });
  const store = createLedgerStore(testStore.client);
  const tokens = createTokenStore(path.join(dir, 'tokens.json'));
  const log = createReadAuditLog({ store, logger, ...audit });
  const app = await buildApp({
    ledger: createLedger({ store, logger }),
    tokens,
    store,
    read: { store },
    logger,
    config: defaultHttpConfig,
    readAudit: { audit: log },
  });
  await app.ready();
  await app.readSide.projector.ready();
  t.teardown(async () => {
    await app.close();
    await log.close();
    await testStore.close();
    await rm(dir, { recursive: true, force: true });
  });
  let n = 0;
  return {
    app,
    store,
    async tokenFor(roles, agency = 'MFA', clearance = 'secret') {
      n += 1;
      const principal: Principal = {
        id: `reader-${n}-${randomUUID().slice(0, 8)}`,
        agency,
        roles: Array.isArray(roles) ? roles : [roles],
        clearance,
      };
      return { token: (await tokens.create(principal, 'read audit test')).token, id: principal.id };
    },
    get: (url, token) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    post: (url, body, token) =>
      app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
        payload: body,
      }),
  };
}

const RED_LINES = [{ th: 'เส้นต้องห้าม', en: 'no mandatory traffic-data retention' }];

/** An issue whose draft has secret red lines, and one with no classified content. */
async function writeStory(api: AuditedApi) {
  const { token: admin } = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ position: { commit: string } }>();
  };
  const processId = slug('proc');
  const secretIssue = slug('issue');
  const plainIssue = slug('issue');
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/issues', bodies.issue(secretIssue, processId));
  await ok('/v1/issues', bodies.issue(plainIssue, processId));
  await ok(`/v1/issues/${plainIssue}/position/drafts`, bodies.draft());
  const last = await ok(`/v1/issues/${secretIssue}/position/drafts`, {
    ...bodies.draft(),
    redLines: { level: 'secret', value: RED_LINES },
  });
  return { processId, secretIssue, plainIssue, position: last.position.commit };
}

const field = (data: unknown, name: string): unknown =>
  typeof data === 'object' && data !== null ? Reflect.get(data, name) : undefined;

async function auditReads(
  api: AuditedApi,
  auditor: string,
  query = '',
): Promise<{ reads: ReadAuditEntry[]; next: string | null }> {
  const res = await api.get(`/v1/audit/reads${query}`, auditor);
  if (res.statusCode !== 200) throw new Error(`/v1/audit/reads: ${res.statusCode} ${res.body}`);
  return res.json();
}

t.test('reads of classified content are recorded for auditors, and only those', async (t) => {
  const api = await openAuditedApi(t);
  const story = await writeStory(api);
  const q = `minPosition=${story.position}`;
  const secretReader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const confidentialReader = await api.tokenFor('negotiator', 'OAG', 'confidential');
  const { token: auditor } = await api.tokenFor('auditor', 'OAG', 'unclassified');

  const plain = await api.get(`/v1/issues/${story.plainIssue}/position?${q}`, secretReader.token);
  t.equal(plain.statusCode, 200);
  const below = await api.get(`/v1/issues/${story.secretIssue}/position?${q}`, confidentialReader.token);
  t.match(below.body, '"redacted":true', 'the confidential reader sees the red lines redacted');
  t.same((await auditReads(api, auditor)).reads, [], 'an unclassified answer and a redacted one leave no record');

  const shown = await api.get(`/v1/issues/${story.secretIssue}/position?${q}&axis=recorded`, secretReader.token);
  t.match(shown.body, RED_LINES[0]?.en ?? '', 'the secret reader is shown the red lines');
  const { reads } = await auditReads(api, auditor);
  t.equal(reads.length, 1, 'one record');
  const record = reads[0];
  t.match(record, {
    principal: { id: secretReader.id, agency: 'MFA', roles: ['negotiator'], clearance: 'secret' },
    method: 'GET',
    route: '/v1/issues/:issueId/position',
    level: 'secret',
    subjects: [`issue:${story.secretIssue}`],
  });
  t.match(record?.url, 'axis=recorded', 'with the URL as asked');
  t.ok(
    record?.fields.some(
      (f) => f.level === 'secret' && f.path.endsWith('/redLines') && f.subject === `issue:${story.secretIssue}`,
    ),
    'naming the red lines shown',
  );
  t.notOk(JSON.stringify(reads).includes(RED_LINES[0]?.en ?? '?'), 'the record never holds what was shown');

  const stream = await api.store.readStream(
    `read-audit-${record?.readAt ? new Date(Date.parse(record.readAt) + 7 * 3_600_000).toISOString().slice(0, 10) : ''}`,
  );
  t.same(
    stream.events.map((e) => e.type),
    ['ClassifiedFieldsListed', 'ClassifiedContentShown'],
    "the record is an event in the day's read-audit stream, after the listing of what it showed",
  );
  t.equal(
    field(stream.events[1]?.data, 'shown'),
    field(stream.events[0]?.data, 'digest'),
    'which it names by its digest',
  );
  t.type(stream.events[1]?.metadata['hash'], 'string', 'hash-chained by the store adapter');
});

t.test('a session brief read as plain text is recorded like the same brief read as JSON', async (t) => {
  const api = await openAuditedApi(t);
  const story = await writeStory(api);
  const { token: admin } = await api.tokenFor('admin', 'MFA', 'top-secret');
  const sessionId = slug('sess');
  const session = await api.post(
    '/v1/sessions',
    { ...bodies.session(sessionId, story.processId), from: '2022-03-01' },
    admin,
  );
  t.equal(session.statusCode, 201, session.body);
  const endorsed = await api.post(`/v1/issues/${story.secretIssue}/position/endorsements`, bodies.endorsement(), admin);
  t.equal(endorsed.statusCode, 201, endorsed.body);
  const q = `minPosition=${endorsed.json<{ position: { commit: string } }>().position.commit}`;
  const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const { token: auditor } = await api.tokenFor('auditor', 'OAG', 'unclassified');

  const text = await api.get(`/v1/sessions/${sessionId}/brief?format=text&${q}`, reader.token);
  t.equal(text.statusCode, 200, text.body);
  t.match(text.body, RED_LINES[0]?.en ?? '', 'the plain text shows the secret red lines');
  const { reads } = await auditReads(api, auditor);
  t.equal(reads.length, 1, 'and leaves a record');
  t.match(reads[0], {
    principal: { id: reader.id, clearance: 'secret' },
    route: '/v1/sessions/:sessionId/brief',
    url: new RegExp(`format=text`),
    level: 'secret',
  });
  t.ok(reads[0]?.subjects.includes(`issue:${story.secretIssue}`), 'naming the issue whose red lines it showed');

  const json = await api.get(`/v1/sessions/${sessionId}/brief?${q}`, reader.token);
  t.equal(json.statusCode, 200, json.body);
  const again = await auditReads(api, auditor);
  t.equal(again.reads.length, 2, 'the JSON brief leaves its own record');
  const [first, second] = again.reads.map((r) => ({ level: r.level, subjects: [...r.subjects].sort() }));
  t.same(first, second, 'both name the same subjects at the same level');
});

t.test('a brief sent again from what was kept leaves a record per read, as the first did', async (t) => {
  const api = await openAuditedApi(t);
  const story = await writeStory(api);
  const { token: admin } = await api.tokenFor('admin', 'MFA', 'top-secret');
  const sessionId = slug('sess');
  const session = await api.post('/v1/sessions', bodies.session(sessionId, story.processId), admin);
  t.equal(session.statusCode, 201, session.body);
  const endorsed = await api.post(`/v1/issues/${story.secretIssue}/position/endorsements`, bodies.endorsement(), admin);
  t.equal(endorsed.statusCode, 201, endorsed.body);
  t.ok(
    await api.app.readSide.projector.waitFor(
      BigInt(endorsed.json<{ position: { commit: string } }>().position.commit),
      10_000,
    ),
  );
  const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const { token: auditor } = await api.tokenFor('auditor', 'OAG', 'unclassified');
  const urls = [`/v1/sessions/${sessionId}/brief`, `/v1/sessions/${sessionId}/brief?format=text`];
  for (const url of urls)
    for (let i = 0; i < 3; i += 1) {
      const res = await api.get(url, reader.token);
      t.match(res.body, RED_LINES[0]?.en ?? '?', `${url}: read ${i + 1} shows the red lines`);
    }
  const { reads } = await auditReads(api, auditor);
  t.equal(reads.length, 6, 'six reads, six records');
  t.equal(new Set(reads.map((r) => r.requestId)).size, 6, 'each with its request id');
  for (const r of reads)
    t.match(
      r,
      { principal: { id: reader.id }, route: '/v1/sessions/:sessionId/brief', level: 'secret' },
      'each naming the reader and the level shown',
    );
  const subjects = new Set(reads.map((r) => JSON.stringify([...r.subjects].sort())));
  t.equal(subjects.size, 1, 'and the same subjects');
  t.ok(reads[0]?.subjects.includes(`issue:${story.secretIssue}`), 'the issue whose red lines it showed');
});

t.test('reads of one answer are each recorded, and share one listing of what they showed', async (t) => {
  const api = await openAuditedApi(t);
  const story = await writeStory(api);
  const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const { token: auditor } = await api.tokenFor('auditor', 'OAG', 'unclassified');
  t.ok(await api.app.readSide.projector.waitFor(BigInt(story.position), 10_000));
  for (let i = 0; i < 3; i += 1) t.equal((await api.get('/v1/positions', reader.token)).statusCode, 200);
  const { reads } = await auditReads(api, auditor);
  t.equal(reads.length, 3, 'three reads, three records');
  t.equal(new Set(reads.map((r) => r.requestId)).size, 3, 'each with its request id');
  for (const r of reads)
    t.match(r, { route: '/v1/positions', level: 'secret', subjects: [`issue:${story.secretIssue}`] }, 'each in full');
  const day = new Date(Date.parse(reads[0]?.readAt ?? '') + 7 * 3_600_000).toISOString().slice(0, 10);
  const { events } = await api.store.readStream(`read-audit-${day}`);
  t.equal(events.filter((e) => e.type === 'ClassifiedFieldsListed').length, 1, 'one listing in the stream');

  // A record written before listings (ADR 0037's form, holding what it showed) is still read.
  await api.store.append(
    `read-audit-${day}`,
    [
      {
        id: randomUUID(),
        type: 'ClassifiedContentShown',
        data: { ...reads[0], requestId: 'written-before-listings', eventId: undefined, recordedAt: undefined },
        metadata: { occurredAt: reads[0]?.readAt, correlationId: 'written-before-listings' },
      },
    ],
    { expectedRevision: 'any' },
  );
  const again = await auditReads(api, auditor);
  t.match(
    again.reads.find((r) => r.requestId === 'written-before-listings'),
    { subjects: [`issue:${story.secretIssue}`], level: 'secret' },
    'a record of the older form pages with the others',
  );
});

t.test('auditors page through the records by principal and subject', async (t) => {
  const api = await openAuditedApi(t);
  const story = await writeStory(api);
  const q = `minPosition=${story.position}`;
  const one = await api.tokenFor('negotiator', 'MFA', 'secret');
  const two = await api.tokenFor('approver', 'MFA', 'top-secret');
  const { token: auditor } = await api.tokenFor('auditor', 'NCSA', 'unclassified');
  for (let i = 0; i < 3; i += 1) await api.get(`/v1/issues/${story.secretIssue}/position?${q}`, one.token);
  await api.get(`/v1/positions?${q}`, two.token);

  t.equal((await auditReads(api, auditor)).reads.length, 4, 'four classified reads');
  t.equal((await auditReads(api, auditor, `?principal=${two.id}`)).reads.length, 1, 'one of them by the second reader');
  t.match(
    (await auditReads(api, auditor, `?principal=${two.id}`)).reads[0],
    { route: '/v1/positions', subjects: [`issue:${story.secretIssue}`] },
    'the list of positions names the issue whose red lines it showed',
  );
  t.equal(
    (await auditReads(api, auditor, `?subject=${story.secretIssue}`)).reads.length,
    4,
    'all four showed the issue',
  );
  t.equal((await auditReads(api, auditor, `?subject=issue:${story.plainIssue}`)).reads.length, 0, 'none the plain one');

  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page = await auditReads(api, auditor, `?limit=3${after === null ? '' : `&after=${after}`}`);
    seen.push(...page.reads.map((r) => r.eventId));
    after = page.next;
    pages += 1;
  } while (after !== null && pages < 10);
  t.equal(pages, 2, 'two pages of three');
  t.equal(new Set(seen).size, 4, 'every record once');

  const future = await api.get('/v1/audit/reads?from=2099-01-01&to=2099-01-02', auditor);
  t.same(future.json(), { reads: [], next: null }, 'nothing in a range with no reads');
  const reversed = await api.get('/v1/audit/reads?from=2025-01-02&to=2025-01-01', auditor);
  t.equal(reversed.statusCode, 400);
  const unknown = await api.get('/v1/audit/reads?who=me', auditor);
  t.equal(unknown.json<{ code: string }>().code, 'unknown_query_parameter');
  const notAuditor = await api.get('/v1/audit/reads', one.token);
  t.equal(notAuditor.statusCode, 403);
  t.equal(notAuditor.json<{ code: string }>().code, 'role_not_allowed');
});

t.test('classified content is not shown while its reads cannot be recorded', async (t) => {
  const api = await openAuditedApi(t, { maxPending: 0 });
  const story = await writeStory(api);
  const q = `minPosition=${story.position}`;
  const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const refused = await api.get(`/v1/issues/${story.secretIssue}/position?${q}`, reader.token);
  t.equal(refused.statusCode, 503);
  t.equal(refused.json<{ code: string }>().code, 'store_unavailable');
  t.notOk(refused.body.includes(RED_LINES[0]?.en ?? '?'), 'the red lines are not in the answer');
  t.equal(
    (await api.get(`/v1/issues/${story.plainIssue}/position?${q}`, reader.token)).statusCode,
    200,
    'an unclassified read goes on',
  );
  // Read side caught up with the story: a read without minPosition is answered without waiting for it.
  const now = await api.get(`/v1/issues/${story.secretIssue}/position`, reader.token);
  t.equal(now.statusCode, 503, 'nor without minPosition');
  t.equal(now.json<{ code: string }>().code, 'store_unavailable');
  t.notOk(now.body.includes(RED_LINES[0]?.en ?? '?'));
});

t.test('a burst of records of large answers is written in full, not refused by the store as too large', async (t) => {
  const testStore = await openTestStore();
  const log = createReadAuditLog({
    store: createLedgerStore(testStore.client),
    logger: pino({ level: 'silent' }),
    flushEveryMs: 60_000,
  });
  t.teardown(async () => {
    await log.close();
    await testStore.close();
  });
  const readAt = new Date().toISOString();
  const principal: Principal = { id: 'reader-burst', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };
  // A brief that showed 50 listed fields (and more): about 5 KB per record, 500 records in one flush.
  const record = (i: number) => ({
    readAt,
    requestId: `req-${i}`,
    principal,
    method: 'GET',
    route: '/v1/sessions/:sessionId/brief',
    url: `/v1/sessions/ahc-concluding/brief?n=${i}`,
    level: 'secret' as const,
    subjects: ['session:ahc-concluding'],
    fields: Array.from({ length: 50 }, (_, f) => ({
      path: `/brief/issues/${f}/position/inForce/redLines`,
      level: 'secret' as const,
      subject: `issue:issue-number-${f}`,
    })),
    more: 7,
  });
  const queued = Array.from({ length: 500 }, (_, i) => log.record(record(i))).filter(Boolean).length;
  t.equal(queued, 500, 'every record is queued');
  await log.flush();
  t.equal(log.pending(), 0, 'nothing is left waiting');
  const page = await log.page({ from: readAt, to: new Date().toISOString(), principal: principal.id, limit: 1000 });
  t.equal(page.reads.length, 500, 'every record can be paged through');
});
