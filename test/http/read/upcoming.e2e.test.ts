// A consultation or session dated in the future shows in reads as upcoming (ADR 0019).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

/** A day this many days from today (UTC). */
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

t.test('a consultation convened for a future day shows as upcoming, and as held from its day', async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const consultationId = randomUUID();
  await api.post('/v1/processes', bodies.process(processId), admin);
  await api.post('/v1/issues', bodies.issue(issueId, processId), admin);
  const heldOn = inDays(60);
  const convened = await api.post(
    '/v1/consultations',
    { consultationId, ...bodies.consultation('MFA', issueId), heldOn },
    admin,
  );
  t.equal(convened.statusCode, 201, convened.body);
  const q = `minPosition=${convened.json<{ position: { commit: string } }>().position.commit}`;
  const reader = await api.tokenFor('negotiator');

  const now = await api.get(`/v1/consultations/${consultationId}?${q}`, reader);
  t.equal(now.statusCode, 200, 'the write is readable at once');
  t.match(now.json(), { consultation: { consultationId, status: 'upcoming', heldOn, agenda: [issueId] } });
  const listed = (await api.get(`/v1/consultations?${q}`, reader)).json<{
    consultations: Array<{ consultationId: string; status: string }>;
  }>().consultations;
  t.equal(
    listed.find((c) => c.consultationId === consultationId)?.status,
    'upcoming',
    'the register lists it as upcoming',
  );
  const onTheDay = await api.get(`/v1/consultations/${consultationId}?asOf=${heldOn}&${q}`, reader);
  t.equal(onTheDay.json<{ consultation: { status: string } }>().consultation.status, 'held', 'held as of its day');
  const beforeItWasEntered = await api.get(`/v1/consultations/${consultationId}?asOf=${inDays(-1)}&${q}`, reader);
  t.equal(beforeItWasEntered.statusCode, 404, 'not yet on the ledger the day before it was entered');
});

t.test(
  'a session scheduled for the future has a brief marked upcoming, in session during its days, ended after them',
  async (t) => {
    const api = await openReadApi(t);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const processId = slug('proc');
    const sessionId = slug('sess');
    await api.post('/v1/processes', bodies.process(processId), admin);
    const from = inDays(90);
    const to = inDays(100);
    const scheduled = await api.post('/v1/sessions', { ...bodies.session(sessionId, processId), from, to }, admin);
    t.equal(scheduled.statusCode, 201, scheduled.body);
    const q = `minPosition=${scheduled.json<{ position: { commit: string } }>().position.commit}`;
    const reader = await api.tokenFor('negotiator');
    const status = async (asOf?: string) =>
      (await api.get(`/v1/sessions/${sessionId}/brief?${asOf === undefined ? '' : `asOf=${asOf}&`}${q}`, reader)).json<{
        brief: { status: string };
      }>().brief.status;
    t.equal(await status(), 'upcoming');
    t.equal(await status(inDays(95)), 'in-session');
    t.equal(await status(inDays(120)), 'ended');
  },
);
