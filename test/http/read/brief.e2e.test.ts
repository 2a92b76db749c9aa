// The session brief as a delegate uses it (issue 11 §4): earlier statements, follow-ups, dated
// disagreements, adopted text, and a plain-text brief with its marking.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

interface BriefIssue {
  issueId: string;
  textAdopted: boolean;
  disagreements: Array<{ agency: string; stance: string; viewedAt: string }>;
  earlierStatements: Array<{ sessionId: string; deliveredOn: string; summary: { en: string } }>;
  followUps: Array<{ id: string; owner: string | null; due?: string; overdue: boolean; consultationId: string | null }>;
}

t.test(
  'a brief lists what Thailand said at earlier sessions, the follow-ups, and who disagrees since when; as text it carries its marking',
  async (t) => {
    const api = await openReadApi(t);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const post = async (url: string, body: object, headers: Record<string, string> = {}) => {
      const res = await api.post(url, body, admin, headers);
      t.equal(res.statusCode, 201, `${url}: ${res.body}`);
      return res.json<{ eventIds: string[]; position: { commit: string } }>();
    };
    const processId = slug('proc');
    const issueId = slug('issue');
    const adoptedIssue = slug('issue');
    const first = slug('sess');
    const second = slug('sess');
    const consultationId = randomUUID();
    await post('/v1/processes', bodies.process(processId));
    await post('/v1/issues', bodies.issue(issueId, processId));
    await post('/v1/issues', { ...bodies.issue(adoptedIssue, processId), code: 'ART-99' });
    await post('/v1/sessions', { ...bodies.session(first, processId), from: '2022-02-28', to: '2022-03-11' });
    await post('/v1/sessions', {
      ...bodies.session(second, processId),
      number: 2,
      venue: { city: 'Vienna', timeZone: 'Europe/Vienna' },
      from: '2022-05-30',
      to: '2022-06-10',
    });
    await post('/v1/consultations', {
      consultationId,
      ...bodies.consultation('MFA', issueId),
      agenda: [issueId, adoptedIssue],
      heldOn: '2022-01-10',
    });
    await post(`/v1/consultations/${consultationId}/views`, { ...bodies.view(issueId, 'RTP'), stance: 'oppose' });
    await post(`/v1/consultations/${consultationId}/outcomes`, {
      issueId,
      outcome: 'majority',
      recommendedStance: 'support',
      summary: { th: 'ที่ประชุมเห็นชอบโดยเสียงข้างมาก', en: 'Agreed by majority' },
      followUps: [
        {
          id: 'law-review',
          action: { th: 'ทบทวนกฎหมายภายใน', en: 'Review domestic law' },
          owner: 'OAG',
          due: '2022-04-30',
        },
        { id: 'data-note', action: { th: 'จัดทำบันทึกเรื่องข้อมูล', en: 'Note on data' }, owner: 'NCSA', due: '2022-12-31' },
      ],
    });
    // Recorded on the issue itself (an outcome document's commitments): one still open, one done before the session.
    const before = { 'occurred-at': '2022-01-15T10:00:00+07:00' };
    await post(
      `/v1/issues/${issueId}/follow-ups`,
      { followUpId: 'commitment-1', action: { th: 'ให้สัตยาบัน', en: 'Ratify the convention' }, due: '2022-05-01' },
      before,
    );
    await post(
      `/v1/issues/${issueId}/follow-ups`,
      { followUpId: 'commitment-2', action: { th: 'จัดประชุม', en: 'Hold a workshop' } },
      before,
    );
    await post(
      `/v1/issues/${issueId}/follow-ups/commitment-2/status`,
      { status: 'done', on: '2022-02-01' },
      { 'occurred-at': '2022-02-01T10:00:00+07:00' },
    );
    await post(`/v1/issues/${issueId}/position/drafts`, {
      ...bodies.draft(),
      stance: 'support',
      redLines: { level: 'secret', value: [{ th: 'ไม่ยอมรับเขตอำนาจสากล', en: 'No universal jurisdiction' }] },
    });
    await post(`/v1/issues/${issueId}/position/endorsements`, { ...bodies.endorsement(1), decidedOn: '2022-01-20' });
    await post(`/v1/issues/${issueId}/position/statements`, {
      sessionId: first,
      deliveredOn: '2022-03-02',
      summary: { th: 'ไทยสนับสนุนร่าง', en: 'Thailand supports the draft' },
    });
    await post(`/v1/issues/${adoptedIssue}/position/drafts`, bodies.draft());
    const last = await post(`/v1/issues/${adoptedIssue}/draft-text-status`, {
      status: 'adopted',
      on: '2022-03-10',
      sessionId: first,
    });
    const q = `minPosition=${last.position.commit}`;

    const secretReader = await api.tokenFor('negotiator', 'MFA', 'secret');
    const res = await api.get(`/v1/sessions/${second}/brief?${q}`, secretReader);
    t.equal(res.statusCode, 200, res.body);
    const issues = res.json<{ brief: { issues: BriefIssue[] } }>().brief.issues;
    const issue = issues.find((i) => i.issueId === issueId);
    t.match(
      issue?.earlierStatements,
      [{ sessionId: first, deliveredOn: '2022-03-02', summary: { en: 'Thailand supports the draft' } }],
      'the statement at the first session',
    );
    t.same(
      issue?.followUps.map((f) => [f.id, f.owner, f.overdue, f.consultationId === null]),
      [
        ['law-review', 'OAG', true, false],
        ['data-note', 'NCSA', false, false],
        ['commitment-1', null, true, true],
      ],
      "follow-ups still to do at the opening, the consultations' and the issue's own (a done one left out), overdue when due before it",
    );
    t.match(issue?.disagreements, [{ agency: 'RTP', stance: 'oppose' }], 'RTP disagrees');
    t.match(
      issue?.disagreements[0]?.viewedAt,
      /^2022-01-10T00:00:00\.000\+07:00$/,
      'since the consultation of 10 January 2022',
    );
    t.equal(issue?.textAdopted, false);
    t.equal(
      issues.find((i) => i.issueId === adoptedIssue)?.textAdopted,
      true,
      'an issue whose text was adopted is marked',
    );

    const firstBrief = (await api.get(`/v1/sessions/${first}/brief?${q}`, secretReader)).json<{
      brief: { issues: BriefIssue[] };
    }>().brief.issues;
    t.same(
      firstBrief.find((i) => i.issueId === issueId)?.earlierStatements,
      [],
      "the first session's brief does not list its own statement",
    );

    const text = await api.get(`/v1/sessions/${second}/brief?format=text&${q}`, secretReader);
    t.equal(text.statusCode, 200, text.body);
    t.match(text.headers['content-type'], /^text\/plain; charset=utf-8/);
    const lines = text.body.trim().split('\n');
    t.equal(lines[0], '[ ลับมาก / SECRET ]', 'the marking at the top is the highest classification shown');
    t.equal(lines.at(-1), lines[0], 'and the same at the bottom');
    t.match(text.body, 'No universal jurisdiction');
    t.match(text.body, 'ไม่ยอมรับเขตอำนาจสากล');
    t.match(text.body, 'Thailand supports the draft');
    t.match(text.body, 'Review domestic law — OAG');
    t.match(text.body, '(overdue)');
    t.match(text.body, '(text already adopted)');

    const low = await api.get(
      `/v1/sessions/${second}/brief?format=text&${q}`,
      await api.tokenFor('negotiator', 'OAG', 'confidential'),
    );
    t.notOk(low.body.includes('No universal jurisdiction'), 'a confidential reader does not get the red line');
    t.match(low.body, '[redacted (needs secret clearance)]', 'but sees that one is there, in English');
    t.match(low.body, '[ปกปิด: ต้องมีชั้นความลับลับมาก]', 'and in Thai');
    t.equal(
      low.body.trim().split('\n')[0],
      '[ ลับ / CONFIDENTIAL ]',
      'marked with the highest level it shows (the fallbacks), not the secret red line it withholds',
    );
  },
);
