// The newcomer's walk-through, over HTTP only: MFA convenes the 28 Dec 2021 consultation, three agencies
// record their own views, MFA records the outcome and closes it, a negotiator drafts the position on the
// consultation's basis and an approver endorses it. Every event is then in the store, in order, with its
// author.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';
import { bodies, newIssue, newSession } from './helpers/writes.js';

t.test('a consultation with three agencies, its outcome, and the position drafted and endorsed on it', async (t) => {
  const api = await openApi(t);
  const { issueId, processId } = await newIssue(api);
  const { sessionId } = await newSession(api, processId);
  const negotiator = await api.tokenFor('negotiator', 'MFA');
  const approver = await api.tokenFor('approver', 'MFA');
  const officers = {
    OAG: await api.tokenFor('agency-officer', 'OAG'),
    RTP: await api.tokenFor('agency-officer', 'RTP'),
    NCSA: await api.tokenFor('agency-officer', 'NCSA'),
  };
  const start = (await api.readAll()).length;

  const convened = await api.post(
    '/v1/consultations',
    {
      title: { th: 'การประชุมหารือท่าทีไทย', en: "Consultation on Thailand's position" },
      heldOn: '๒๘ ธันวาคม ๒๕๖๔',
      convener: 'MFA',
      participants: ['MFA', 'OAG', 'RTP', 'NSC', 'NCSA', 'MOJ', 'MDES'],
      agenda: [issueId],
      urgency: 'most-urgent',
    },
    { token: negotiator },
  );
  t.equal(convened.statusCode, 201, convened.body);
  const consultation = String(convened.headers['location']);
  const consultationId = consultation.split('/').at(-1) ?? '';

  for (const agency of ['OAG', 'RTP', 'NCSA'] as const) {
    const res = await api.post(`${consultation}/views`, bodies.view(issueId, agency), { token: officers[agency] });
    t.equal(res.statusCode, 201, `${agency} records its view: ${res.body}`);
  }

  const outcome = await api.post(
    `${consultation}/outcomes`,
    {
      issueId,
      outcome: 'majority',
      recommendedStance: 'listening',
      summary: { th: 'รับฟังท่าทีในการประชุมครั้งแรก', en: 'Listen at the first session' },
      supporting: ['MFA', 'OAG', 'RTP'],
      dissenting: ['NCSA'],
    },
    { token: negotiator },
  );
  t.equal(outcome.statusCode, 201, outcome.body);
  const closed = await api.post(`${consultation}/close`, { on: '2021-12-28' }, { token: negotiator });
  t.equal(closed.statusCode, 201, closed.body);

  const drafted = await api.post(
    `/v1/issues/${issueId}/position/drafts`,
    { ...bodies.draft(), basis: { consultationIds: [consultationId] } },
    { token: negotiator },
  );
  t.equal(drafted.statusCode, 201, drafted.body);
  const endorsed = await api.post(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(1), {
    token: approver,
    ifMatch: String(drafted.headers['etag']),
  });
  t.equal(endorsed.statusCode, 201, endorsed.body);
  const stated = await api.post(
    `/v1/issues/${issueId}/position/statements`,
    { sessionId, deliveredOn: '2022-03-01', summary: { th: 'ไทยรับฟัง', en: 'Thailand listens' } },
    { token: negotiator, key: randomUUID() },
  );
  t.equal(stated.statusCode, 201, stated.body);

  const written = (await api.readAll()).slice(start);
  t.same(
    written.map((e) => e.type),
    [
      'ConsultationConvened',
      'AgencyViewRecorded',
      'AgencyViewRecorded',
      'AgencyViewRecorded',
      'ConsultationOutcomeRecorded',
      'ConsultationClosed',
      'PositionDrafted',
      'PositionEndorsed',
      'StatementDelivered',
    ],
  );
  const views = written.filter((e) => e.type === 'AgencyViewRecorded');
  for (const [index, agency] of ['OAG', 'RTP', 'NCSA'].entries()) {
    t.match(views[index]?.metadata['actor'], { agency, role: 'agency-officer' }, `${agency} wrote as itself`);
    t.match(views[index]?.data, { agency, attestation: 'agency' });
  }
  t.match(written[0]?.data, { heldOn: '2021-12-28', convener: 'MFA' });
  t.match(written.at(-2)?.metadata, { actor: { role: 'approver' } });
});
