// Instants in read answers are ISO 8601 with the offset of Bangkok (or of a session's venue), and the
// date asked about comes alongside (ADR 0019).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

t.test('a date asked in Thai comes back as the end of that day in Bangkok time, with the date alongside', async (t) => {
  const api = await openReadApi(t);
  const reader = await api.tokenFor('negotiator');
  const res = await api.get(`/v1/positions?asOf=${encodeURIComponent('๒๘ ธันวาคม ๒๕๖๔')}`, reader);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { asOf: '2021-12-28T23:59:59.999+07:00', asOfDate: '2021-12-28' });
  const now = (await api.get('/v1/positions', reader)).json<{ asOf: string; asOfDate: string }>();
  t.match(now.asOf, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/, 'now, too, in Bangkok time');
  t.equal(now.asOfDate, now.asOf.slice(0, 10), "and today's date in Bangkok");
});

t.test("instants in answers carry Bangkok's offset, and a brief's opening instant its venue's", async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const sessionId = slug('sess');
  const consultationId = randomUUID();
  await api.post('/v1/processes', bodies.process(processId), admin);
  await api.post(
    '/v1/sessions',
    { ...bodies.session(sessionId, processId), from: '2030-02-28', to: '2030-03-11' },
    admin,
  );
  await api.post('/v1/issues', bodies.issue(issueId, processId), admin);
  await api.post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, admin);
  const view = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), admin);
  const q = `minPosition=${view.json<{ position: { commit: string } }>().position.commit}`;
  const alignment = (await api.get(`/v1/alignment?issueId=${issueId}&${q}`, admin)).json<{
    alignment: Array<{ view: { validAt: string; recordedAt: string } }>;
  }>().alignment;
  t.equal(alignment[0]?.view.validAt, '2021-12-28T00:00:00.000+07:00', 'the meeting day, as a Thai reader writes it');
  t.match(alignment[0]?.view.recordedAt, /\+07:00$/);
  const brief = (await api.get(`/v1/sessions/${sessionId}/brief?${q}`, admin)).json<{
    brief: { positionsAsOf: string };
  }>().brief;
  t.equal(brief.positionsAsOf, '2030-02-28T00:00:00.000-05:00', 'the session opens at midnight in New York');
  const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
  const raw = (await api.get(`/v1/audit/events?stream=consultation-${consultationId}&${q}`, auditor)).json<{
    events: Array<{ validAt: string; recordedAt: string; metadata: { occurredAt: string } }>;
  }>().events;
  t.equal(raw[0]?.validAt, '2021-12-28T00:00:00.000+07:00', 'raw events too');
  t.match(raw[0]?.metadata.occurredAt, /Z$/, 'while the metadata stays as it was recorded');
});
