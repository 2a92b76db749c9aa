// GET /v1/search: find issues, consultations and what was said without knowing ids (issue 11 §1).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createLedger } from '../../../src/application/ledger.js';
import { seedDemo } from '../../../src/seed/load.js';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

interface Hit {
  subject: { kind: string; id: string };
  issueId: string | null;
  eventId: string;
  type: string;
  field: string;
  lang: string;
  level: string;
  snippet: string;
}
interface Page {
  q: string;
  hits: Hit[];
  next: number | null;
}

t.test('on the demo data, part of a Thai word finds the issues whose title holds it', async (t) => {
  const api = await openReadApi(t);
  await seedDemo(createLedger({ store: api.store, logger: pino({ level: 'silent' }) }));
  // One write after the demo data: reading at its position reads all of it.
  const after = await api.post('/v1/processes', bodies.process(slug('proc')), await api.tokenFor('admin'));
  const q = `minPosition=${after.json<{ position: { commit: string } }>().position.commit}`;
  const reader = await api.tokenFor('negotiator');
  const res = await api.get(`/v1/search?q=${encodeURIComponent('ความร่วมมือ')}&kind=issue&limit=50&${q}`, reader);
  t.equal(res.statusCode, 200, res.body);
  const titles = res.json<Page>().hits.filter((h) => h.field === 'title' && h.lang === 'th');
  const ids = new Set(titles.map((h) => h.subject.id));
  t.ok(ids.has('ahc-international-cooperation'), '"ความร่วมมือระหว่างประเทศ" (international cooperation) is found');
  t.ok(
    ids.has('ahc-refusal-grounds'),
    '"เหตุปฏิเสธความร่วมมือ" (grounds for refusing cooperation) is found: the word is inside the title',
  );
  t.match(titles[0]?.snippet, /\[ความร่วมมือ\]/, 'the snippet marks the match');

  const english = (await api.get(`/v1/search?q=COOPERATION&kind=issue&limit=50&${q}`, reader)).json<Page>().hits;
  t.ok(
    english.some((h) => h.subject.id === 'ahc-international-cooperation' && h.lang === 'en'),
    'English matches whatever the case',
  );
});

t.test('a search finds views, drafts and statements, and a retracted view no longer', async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const consultationId = randomUUID();
  await api.post('/v1/processes', bodies.process(processId), admin);
  await api.post('/v1/issues', bodies.issue(issueId, processId), admin);
  await api.post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, admin);
  const view = await api.post(
    `/v1/consultations/${consultationId}/views`,
    {
      ...bodies.view(issueId, 'RTP'),
      summary: { th: 'สนับสนุนการเก็บรักษาข้อมูลจราจรทางคอมพิวเตอร์', en: 'Supports preserving traffic data' },
    },
    admin,
  );
  t.equal(view.statusCode, 201, view.body);
  const reader = await api.tokenFor('negotiator');
  const find = async (q: string, minPosition: string) =>
    (await api.get(`/v1/search?q=${encodeURIComponent(q)}&minPosition=${minPosition}`, reader)).json<Page>().hits;
  const viewAt = view.json<{ position: { commit: string } }>().position.commit;
  const found = await find('ข้อมูลจราจร', viewAt);
  t.equal(found.length, 1, 'the view is found by part of its Thai summary');
  t.match(found[0], {
    subject: { kind: 'consultation', id: consultationId },
    issueId,
    type: 'AgencyViewRecorded',
    field: 'summary',
    lang: 'th',
  });

  const retracted = await api.post(
    '/v1/retractions',
    {
      stream: { kind: 'consultation', id: consultationId },
      targetEventId: view.json<{ eventIds: string[] }>().eventIds[0],
      reason: { th: 'บันทึกผิด', en: 'Logged in error' },
    },
    admin,
  );
  t.equal(retracted.statusCode, 201, retracted.body);
  t.same(
    await find('ข้อมูลจราจร', retracted.json<{ position: { commit: string } }>().position.commit),
    [],
    'a retracted view is not found',
  );
});

t.test('a red line above the reader never matches, and a secret consultation is not found below secret', async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  await api.post('/v1/processes', bodies.process(processId), admin);
  await api.post('/v1/issues', bodies.issue(issueId, processId), admin);
  await api.post(
    '/v1/consultations',
    {
      consultationId: randomUUID(),
      ...bodies.consultation('MFA', issueId),
      title: { th: 'หารือลับเรื่องเขตอำนาจศาล', en: 'Closed meeting on jurisdiction' },
      classification: 'secret',
    },
    admin,
  );
  const drafted = await api.post(
    `/v1/issues/${issueId}/position/drafts`,
    {
      ...bodies.draft(),
      redLines: { level: 'secret', value: [{ th: 'ไม่ยอมรับเขตอำนาจสากล', en: 'No universal jurisdiction' }] },
    },
    admin,
  );
  t.equal(drafted.statusCode, 201, drafted.body);
  const minPosition = drafted.json<{ position: { commit: string } }>().position.commit;
  const hitsFor = async (clearance: 'confidential' | 'secret') =>
    (
      await api.get(
        `/v1/search?q=jurisdiction&minPosition=${minPosition}`,
        await api.tokenFor('negotiator', 'OAG', clearance),
      )
    ).json<Page>().hits;

  t.same(
    await hitsFor('confidential'),
    [],
    'a confidential reader finds neither the red line nor the secret consultation',
  );
  const secret = await hitsFor('secret');
  t.same(secret.map((h) => h.field).sort(), ['redLines[0]', 'title'], 'a secret-cleared reader finds both');
  t.equal(secret.find((h) => h.field === 'redLines[0]')?.level, 'secret');
});

t.test('results are paged, two letters are enough, one is refused', async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  await api.post('/v1/processes', bodies.process(processId), admin);
  let last = '';
  for (let i = 0; i < 5; i++) {
    const res = await api.post(
      '/v1/issues',
      { ...bodies.issue(slug('issue'), processId), title: { th: `ประเด็นทดสอบ ${i}`, en: `Zebra issue ${i}` } },
      admin,
    );
    last = res.json<{ position: { commit: string } }>().position.commit;
  }
  const reader = await api.tokenFor('negotiator');
  const seen: string[] = [];
  let offset: number | null = 0;
  let pages = 0;
  while (offset !== null && pages < 10) {
    const page: Page = (
      await api.get(`/v1/search?q=zebra&limit=2&offset=${offset}&minPosition=${last}`, reader)
    ).json<Page>();
    seen.push(...page.hits.map((h) => h.eventId));
    offset = page.next;
    pages += 1;
  }
  t.equal(new Set(seen).size, 5, 'five hits over three pages, none twice');
  t.equal(pages, 3);
  const two = (await api.get(`/v1/search?q=${encodeURIComponent('ทด')}&minPosition=${last}`, reader)).json<Page>().hits;
  t.equal(two.length, 5, 'a two-letter query is matched by a scan');
  const one = await api.get('/v1/search?q=a', reader);
  t.equal(one.statusCode, 400, one.body);
  t.match(one.body, /q/);
});
