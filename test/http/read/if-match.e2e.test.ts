// Every read of a subject shows the revision of each stream its writes go to (`revisions`), to send
// as If-Match (ADR 0019).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

type Revisions = Record<string, string | null>;

async function setup(api: ReadApi) {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ position: { commit: string } }>().position.commit;
  };
  const processId = slug('proc');
  const issueId = slug('issue');
  const sessionId = slug('sess');
  const consultationId = randomUUID();
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/sessions', bodies.session(sessionId, processId));
  await ok('/v1/issues', bodies.issue(issueId, processId));
  await ok('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) });
  const position = await ok(`/v1/issues/${issueId}/position/drafts`, bodies.draft());
  return { admin, issueId, sessionId, consultationId, position };
}

t.test(
  'a write with If-Match from the read before it succeeds; with a revision read before another write it is refused with 412',
  async (t) => {
    const api = await openReadApi(t);
    const s = await setup(api);
    const q = `minPosition=${s.position}`;
    const write = (url: string, body: object, revision: string | null | undefined) =>
      api.post(url, body, s.admin, { 'if-match': `"${revision ?? ''}"` });

    const read = (await api.get(`/v1/issues/${s.issueId}/position?${q}`, s.admin)).json<{
      position: { revisions: Revisions };
    }>().position.revisions;
    t.same(
      read,
      { [`issue-${s.issueId}`]: '0', [`position-${s.issueId}`]: '0' },
      'the position read shows its issue and position streams',
    );
    const endorsed = await write(
      `/v1/issues/${s.issueId}/position/endorsements`,
      bodies.endorsement(),
      read[`position-${s.issueId}`],
    );
    t.equal(endorsed.statusCode, 201, endorsed.body);
    const stale = await write(`/v1/issues/${s.issueId}/position/drafts`, bodies.draft(), read[`position-${s.issueId}`]);
    t.equal(stale.statusCode, 412, 'the revision read before the endorsement is stale');
    const after = `minPosition=${endorsed.json<{ position: { commit: string } }>().position.commit}`;
    const history = (await api.get(`/v1/issues/${s.issueId}/history?${after}`, s.admin)).json<{
      revisions: Revisions;
    }>().revisions;
    t.equal(history[`position-${s.issueId}`], '1', 'the history shows the revision after the endorsement');
    t.equal(
      (
        await write(
          `/v1/issues/${s.issueId}/retitle`,
          { title: { th: 'ใหม่', en: 'New title' } },
          history[`issue-${s.issueId}`],
        )
      ).statusCode,
      201,
      'and the issue stream’s, for an issue write',
    );
    const listed = (await api.get(`/v1/positions?${after}`, s.admin)).json<{
      positions: Array<{ issueId: string; revisions: Revisions }>;
    }>().positions;
    t.same(
      listed.find((p) => p.issueId === s.issueId)?.revisions[`position-${s.issueId}`],
      '1',
      'each position in the list shows its own',
    );

    const consultation = (await api.get(`/v1/consultations/${s.consultationId}?${q}`, s.admin)).json<{
      consultation: { revisions: Revisions };
    }>().consultation.revisions;
    t.same(consultation, { [`consultation-${s.consultationId}`]: '0' });
    t.equal(
      (
        await write(
          `/v1/consultations/${s.consultationId}/views`,
          bodies.view(s.issueId, 'OAG'),
          consultation[`consultation-${s.consultationId}`],
        )
      ).statusCode,
      201,
      'a view with the revision the consultation read showed',
    );
    t.equal(
      (
        await write(
          `/v1/consultations/${s.consultationId}/views`,
          bodies.view(s.issueId, 'RTP'),
          consultation[`consultation-${s.consultationId}`],
        )
      ).statusCode,
      412,
      'another with the same revision is stale',
    );

    const brief = (await api.get(`/v1/sessions/${s.sessionId}/brief?${q}`, s.admin)).json<{
      brief: { revisions: Revisions };
    }>().brief.revisions;
    t.same(brief, { [`session-${s.sessionId}`]: '0' });
    const moved = await write(
      `/v1/sessions/${s.sessionId}/reschedule`,
      { from: '2022-03-07', to: '2022-03-18', reason: { th: 'เลื่อน', en: 'Moved' } },
      brief[`session-${s.sessionId}`],
    );
    t.equal(moved.statusCode, 201, moved.body);
  },
);

t.test(
  'a read in the past on the recorded axis shows the revisions of then (stale for a write now); on the valid axis, those of now',
  async (t) => {
    const api = await openReadApi(t);
    const s = await setup(api);
    const between = new Date().toISOString();
    const endorsed = await api.post(`/v1/issues/${s.issueId}/position/endorsements`, bodies.endorsement(), s.admin);
    t.equal(endorsed.statusCode, 201);
    const q = `minPosition=${endorsed.json<{ position: { commit: string } }>().position.commit}`;
    const then = (
      await api.get(`/v1/issues/${s.issueId}/position?axis=recorded&asOf=${encodeURIComponent(between)}&${q}`, s.admin)
    ).json<{ position: { revisions: Revisions } }>();
    t.equal(then.position.revisions[`position-${s.issueId}`], '0', 'what the ledger showed then');
    const stale = await api.post(`/v1/issues/${s.issueId}/position/drafts`, bodies.draft(), s.admin, {
      'if-match': '"0"',
    });
    t.equal(stale.statusCode, 412, 'so a write now with it is refused');
    const valid = (await api.get(`/v1/issues/${s.issueId}/position?axis=valid&asOf=2022-01-01&${q}`, s.admin)).json<{
      position: { revisions: Revisions };
    }>();
    t.equal(
      valid.position.revisions[`position-${s.issueId}`],
      '1',
      'the valid axis knows everything recorded up to now',
    );
  },
);
