// GET /v1/issues/{issueId}/compare: the position at two dates, diffed (issue 11 §2).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

interface Comparison {
  from: { inForce: { version: number } | null } | null;
  to: { inForce: { version: number } | null } | null;
  inForce: Array<{ field: string; from: unknown; to: unknown }>;
  pendingDraft: Array<{ field: string; from: unknown; to: unknown }>;
  basis: {
    consultationsAdded: string[];
    consultationsDropped: string[];
    inputsAdded: string[];
    inputsDropped: string[];
  };
  same: boolean;
}

t.test(
  'comparing two dates shows the version in force at each, the fields that changed and the basis added',
  async (t) => {
    const api = await openReadApi(t);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const processId = slug('proc');
    const issueId = slug('issue');
    const first = randomUUID();
    const second = randomUUID();
    const post = async (url: string, body: object, headers: Record<string, string> = {}) => {
      const res = await api.post(url, body, admin, headers);
      t.equal(res.statusCode, 201, `${url}: ${res.body}`);
      return res.json<{ eventIds: string[]; position: { commit: string } }>();
    };
    await post('/v1/processes', bodies.process(processId));
    await post('/v1/issues', bodies.issue(issueId, processId));
    await post('/v1/consultations', {
      consultationId: first,
      ...bodies.consultation('MFA', issueId),
      heldOn: '2021-12-28',
    });
    const oagView = await post(`/v1/consultations/${first}/views`, bodies.view(issueId, 'OAG'));
    await post(`/v1/issues/${issueId}/position/drafts`, {
      ...bodies.draft(),
      basis: { consultationIds: [first], eventIds: oagView.eventIds },
    });
    await post(`/v1/issues/${issueId}/position/endorsements`, { ...bodies.endorsement(1), decidedOn: '2022-01-20' });
    await post('/v1/consultations', {
      consultationId: second,
      ...bodies.consultation('MFA', issueId),
      heldOn: '2022-05-02',
    });
    const rtpView = await post(`/v1/consultations/${second}/views`, bodies.view(issueId, 'RTP'));
    await post(`/v1/issues/${issueId}/position/drafts`, {
      stance: 'oppose',
      summary: { th: 'คัดค้าน', en: 'Oppose' },
      redLines: { level: 'secret', value: [{ th: 'ไม่ยอมรับ', en: 'No universal jurisdiction' }] },
      basis: { consultationIds: [first, second], eventIds: [...oagView.eventIds, ...rtpView.eventIds] },
    });
    const last = await post(`/v1/issues/${issueId}/position/endorsements`, {
      ...bodies.endorsement(2, 'cabinet'),
      decidedOn: '2022-05-10',
    });
    const q = `minPosition=${last.position.commit}`;

    const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
    const res = await api.get(`/v1/issues/${issueId}/compare?from=2022-02-01&to=2022-06-01&${q}`, reader);
    t.equal(res.statusCode, 200, res.body);
    const { comparison, from, to } = res.json<{ comparison: Comparison; from: string; to: string }>();
    t.match(from, /^2022-02-01T23:59:59\.999\+07:00$/, 'from is the end of that day in Bangkok');
    t.match(to, /^2022-06-01T23:59:59\.999\+07:00$/);
    t.equal(comparison.from?.inForce?.version, 1);
    t.equal(comparison.to?.inForce?.version, 2);
    t.same(
      comparison.inForce.map((c) => c.field),
      ['version', 'stance', 'summary', 'redLines', 'authority', 'decidedOn'],
      'each field that differs, once',
    );
    t.match(
      comparison.inForce.find((c) => c.field === 'stance'),
      { from: 'listening', to: 'oppose' },
    );
    t.same(comparison.basis.consultationsAdded, [second], 'the May consultation was added to the basis');
    t.same(comparison.basis.inputsAdded, rtpView.eventIds, "and RTP's view from it");
    t.same(comparison.basis.consultationsDropped, []);
    t.equal(comparison.same, false);

    const lowRes = await api.get(
      `/v1/issues/${issueId}/compare?from=2022-02-01&to=2022-06-01&${q}`,
      await api.tokenFor('negotiator', 'OAG', 'confidential'),
    );
    t.notOk(
      lowRes.body.includes('No universal jurisdiction'),
      'a red line above the reader is redacted on both sides of the change',
    );

    const same = (await api.get(`/v1/issues/${issueId}/compare?from=2022-06-01&to=2022-07-01&${q}`, reader)).json<{
      comparison: Comparison;
    }>().comparison;
    t.equal(same.same, true, 'nothing changed between June and July');
    t.same(same.inForce, []);

    const before = (await api.get(`/v1/issues/${issueId}/compare?from=2021-01-01&to=2022-02-01&${q}`, reader)).json<{
      comparison: Comparison;
    }>().comparison;
    t.equal(before.from?.inForce ?? null, null, 'nothing was in force in 2021');
    t.same(
      before.inForce.map((c) => c.field),
      ['inForce'],
      'a position coming into force is one change',
    );

    t.equal((await api.get(`/v1/issues/no-such-issue/compare?from=2022-01-01&${q}`, reader)).statusCode, 404);
    const bad = await api.get(`/v1/issues/${issueId}/compare?from=soon&${q}`, reader);
    t.equal(bad.statusCode, 400);
    t.match(bad.body, /from/);
  },
);
