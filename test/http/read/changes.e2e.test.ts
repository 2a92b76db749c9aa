// GET /v1/changes: what changed since a date or a log position, across issues (issue 11 §2).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

interface Entry {
  eventId: string;
  kind: string;
  type: string;
  recordedAt: string;
  validAt: string;
  actor: { agency: string; role: string };
  subject: { processId?: string; issueId?: string; consultationId?: string };
  changes?: Array<{ field: string; from: unknown; to: unknown }>;
  comparedWith?: number | null;
  retracts?: { eventId: string; type: string | null };
  data: Record<string, unknown>;
}
interface Page {
  changes: Entry[];
  next: string | null;
}

interface Written {
  eventIds: string[];
  position: { commit: string };
}

/** A process with one issue, a consultation on it with two views, two drafts and an endorsement. */
async function ledgerWithHistory(api: ReadApi) {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const consultationId = randomUUID();
  const write = async (url: string, body: object, token = admin): Promise<Written> => {
    const res = await api.post(url, body, token);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<Written>();
  };
  await write('/v1/processes', bodies.process(processId));
  await write('/v1/issues', bodies.issue(issueId, processId));
  const convened = await write('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) });
  const oag = await api.tokenFor('negotiator', 'OAG');
  const oagView = await write(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), oag);
  await write(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'RTP'));
  await write(`/v1/issues/${issueId}/position/drafts`, bodies.draft());
  await write(`/v1/issues/${issueId}/position/drafts`, {
    stance: 'oppose',
    summary: { th: 'คัดค้าน', en: 'Oppose the article' },
  });
  await write(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(1));
  const retraction = await write(
    '/v1/retractions',
    {
      stream: { kind: 'consultation', id: consultationId },
      targetEventId: oagView.eventIds[0],
      reason: { th: 'บันทึกผิด', en: 'Logged in error' },
    },
    oag,
  );
  // A second process, to filter away.
  const otherProcess = slug('proc');
  await write('/v1/processes', bodies.process(otherProcess));
  const last = await write('/v1/issues', bodies.issue(slug('issue'), otherProcess));
  return {
    admin,
    processId,
    issueId,
    consultationId,
    convened,
    oagView,
    retraction,
    q: `minPosition=${last.position.commit}`,
  };
}

// One ledger for the file: each test writes its own processes and issues and reads the feed of its own
// process (or its own issue).
const api = await openReadApi(t);

t.test(
  'the feed lists every change in the order the ledger recorded it, with who made it and when on both clocks',
  async (t) => {
    const w = await ledgerWithHistory(api);
    const reader = await api.tokenFor('negotiator');
    const res = await api.get(`/v1/changes?processId=${w.processId}&${w.q}`, reader);
    t.equal(res.statusCode, 200, res.body);
    const { changes, next } = res.json<Page>();
    t.same(
      changes.map((c) => c.kind),
      ['process', 'issue', 'consultation', 'view', 'view', 'drafted', 'drafted', 'endorsed', 'retraction'],
      'one entry per change in record order, of this process only',
    );
    t.equal(next, null, 'nothing more');
    const oagView = changes.find((c) => c.eventId === w.oagView.eventIds[0]);
    t.match(oagView, {
      kind: 'view',
      actor: { agency: 'OAG', role: 'negotiator' },
      subject: { issueId: w.issueId, consultationId: w.consultationId },
    });
    t.match(oagView?.validAt, /^2021-12-28T.*\+07:00$/, 'a view is dated by its meeting, in Bangkok time');
    t.match(oagView?.recordedAt, /\+07:00$/);
    const retraction = changes.at(-1);
    t.match(
      retraction,
      {
        kind: 'retraction',
        retracts: { eventId: w.oagView.eventIds[0], type: 'AgencyViewRecorded' },
        subject: { issueId: w.issueId },
      },
      'a retraction names what it took back and its issue',
    );
  },
);

t.test('a second draft shows what changed against the first, field by field', async (t) => {
  const w = await ledgerWithHistory(api);
  const reader = await api.tokenFor('negotiator');
  const { changes } = (await api.get(`/v1/changes?issueId=${w.issueId}&kind=drafted&${w.q}`, reader)).json<Page>();
  t.equal(changes.length, 2, 'only drafts of that issue');
  t.same(changes[0]?.changes, [], 'the first draft has nothing to compare with');
  t.equal(changes[1]?.comparedWith, 1);
  t.same(
    changes[1]?.changes?.map((c) => c.field),
    ['stance', 'summary'],
    'the second names the fields that changed',
  );
  t.match(changes[1]?.changes?.[0], { field: 'stance', from: 'listening', to: 'oppose' });
});

t.test('since a log position gives only what came after it: what happened since I last looked', async (t) => {
  const w = await ledgerWithHistory(api);
  const reader = await api.tokenFor('negotiator');
  const { changes } = (
    await api.get(`/v1/changes?since=${w.convened.position.commit}&processId=${w.processId}&${w.q}`, reader)
  ).json<Page>();
  t.same(
    changes.map((c) => c.kind),
    ['view', 'view', 'drafted', 'drafted', 'endorsed', 'retraction'],
  );
});

t.test('since and until on the valid clock select by when it happened, a Thai date included', async (t) => {
  const w = await ledgerWithHistory(api);
  const reader = await api.tokenFor('negotiator');
  const res = await api.get(
    `/v1/changes?axis=valid&since=${encodeURIComponent('28 ธ.ค. 2564')}&until=2021-12-28&processId=${w.processId}&${w.q}`,
    reader,
  );
  t.equal(res.statusCode, 200, res.body);
  t.same(
    res.json<Page>().changes.map((c) => c.kind),
    ['issue', 'consultation', 'view', 'view'],
    'the meeting of 28 Dec 2021, the views and the issue dated by it (its earliest entry); the drafts, entered today, are not',
  );
  const recorded = (
    await api.get(`/v1/changes?since=2021-12-28&until=2021-12-28&processId=${w.processId}&${w.q}`, reader)
  ).json<Page>();
  t.same(recorded.changes, [], 'on the recorded clock nothing was entered that day');
});

t.test('filters by agency and kind, and pages with a cursor that loses nothing', async (t) => {
  const w = await ledgerWithHistory(api);
  const reader = await api.tokenFor('negotiator');
  const byOag = (await api.get(`/v1/changes?agency=OAG&processId=${w.processId}&${w.q}`, reader)).json<Page>().changes;
  t.same(
    byOag.map((c) => c.kind),
    ['view', 'retraction'],
    "OAG's view and OAG's retraction of it",
  );

  const all = (await api.get(`/v1/changes?processId=${w.processId}&${w.q}`, reader))
    .json<Page>()
    .changes.map((c) => c.eventId);
  const paged: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: Page = (
      await api.get(
        `/v1/changes?processId=${w.processId}&limit=2&${after === null ? '' : `after=${after}&`}${w.q}`,
        reader,
      )
    ).json<Page>();
    paged.push(...page.changes.map((c) => c.eventId));
    after = page.next;
    pages += 1;
  } while (after !== null && pages < 20);
  t.same(paged, all, 'pages of 2 give the same entries in the same order');
  t.ok(pages >= 5, `in ${pages} pages`);
});

t.test('a consultation above the reader is left out of the feed, and classified values are redacted', async (t) => {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const secretId = randomUUID();
  await api.post('/v1/processes', bodies.process(processId), admin);
  await api.post('/v1/issues', bodies.issue(issueId, processId), admin);
  const secret = await api.post(
    '/v1/consultations',
    { consultationId: secretId, ...bodies.consultation('MFA', issueId), classification: 'secret' },
    admin,
  );
  t.equal(secret.statusCode, 201, secret.body);
  const drafted = await api.post(
    `/v1/issues/${issueId}/position/drafts`,
    { ...bodies.draft(), redLines: { level: 'secret', value: [{ th: 'ไม่ยอมรับ', en: 'No universal jurisdiction' }] } },
    admin,
  );
  t.equal(drafted.statusCode, 201, drafted.body);
  const q = `processId=${processId}&minPosition=${drafted.json<Written>().position.commit}`;

  const low = (await api.get(`/v1/changes?${q}`, await api.tokenFor('negotiator', 'OAG', 'confidential'))).json<Page>()
    .changes;
  t.notOk(
    low.some((c) => c.subject.consultationId === secretId),
    'the secret consultation is not in a confidential reader’s feed',
  );
  const draft = low.find((c) => c.kind === 'drafted');
  t.match(draft?.data, { redLines: { level: 'secret', redacted: true } }, 'the red lines are redacted');
  t.notOk(JSON.stringify(low).includes('No universal jurisdiction'));

  const high = (await api.get(`/v1/changes?${q}`, await api.tokenFor('negotiator', 'OAG', 'secret'))).json<Page>()
    .changes;
  t.ok(
    high.some((c) => c.subject.consultationId === secretId),
    'a secret-cleared reader sees it',
  );
  t.ok(JSON.stringify(high).includes('No universal jurisdiction'));
});

t.test('a bad since, kind or cursor is refused 400 naming the parameter', async (t) => {
  const reader = await api.tokenFor('negotiator');
  for (const [query, pointer] of [
    ['since=yesterday', '/since'],
    ['until=2021-02-30', '/until'],
    ['kind=drafted,gossip', '/kind'],
    ['after=abc', '/after'],
    ['limit=0', '/limit'],
  ] as const) {
    const res = await api.get(`/v1/changes?${query}`, reader);
    t.equal(res.statusCode, 400, `${query}: ${res.body}`);
    t.match(res.body, pointer.slice(1), `${query} names ${pointer.slice(1)}`);
  }
  t.equal((await api.get('/v1/changes?color=red', reader)).json<{ code: string }>().code, 'unknown_query_parameter');
});
