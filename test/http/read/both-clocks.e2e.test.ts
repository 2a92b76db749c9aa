// Both clocks at once (issue 11 §3): "what was in force on D, as the ledger knew it at R". The worked
// example of README.md: a view logged after its meeting, then retracted and corrected.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

interface Row {
  agency: string;
  view: { stance: string };
}

t.test('validAt and knownAt together answer each of the four combinations of a corrected late view', async (t) => {
  const api = await openReadApi(t);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const processId = slug('proc');
  const issueId = slug('issue');
  const consultationId = randomUUID();
  const post = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    t.equal(res.statusCode, 201, `${url}: ${res.body}`);
    return res.json<{ eventIds: string[]; position: { commit: string } }>();
  };
  await post('/v1/processes', bodies.process(processId));
  await post('/v1/issues', bodies.issue(issueId, processId));
  await post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId), heldOn: '2022-01-10' });
  // Logged today without a time: dated by its meeting of 10 January 2022.
  const first = await post(`/v1/consultations/${consultationId}/views`, {
    ...bodies.view(issueId, 'OAG'),
    stance: 'support',
  });
  await sleep(20);
  const beforeCorrection = new Date().toISOString();
  await sleep(20);
  await post('/v1/retractions', {
    stream: { kind: 'consultation', id: consultationId },
    targetEventId: first.eventIds[0],
    reason: { th: 'บันทึกผิด', en: 'Wrong stance logged' },
  });
  const corrected = await post(`/v1/consultations/${consultationId}/views`, {
    ...bodies.view(issueId, 'OAG'),
    stance: 'oppose',
  });
  const reader = await api.tokenFor('negotiator');
  const oag = async (query: string): Promise<string | null> => {
    const res = await api.get(
      `/v1/alignment?issueId=${issueId}&${query}&minPosition=${corrected.position.commit}`,
      reader,
    );
    t.equal(res.statusCode, 200, res.body);
    return res.json<{ alignment: Row[] }>().alignment.find((r) => r.agency === 'OAG')?.view.stance ?? null;
  };

  t.equal(await oag('validAt=2022-01-31'), 'oppose', 'in force on 31 Jan 2022, knowing everything: the corrected view');
  t.equal(
    await oag(`validAt=2022-01-31&knownAt=${beforeCorrection}`),
    'support',
    'in force on 31 Jan 2022, as the ledger knew it before the correction: the first view',
  );
  t.equal(
    await oag('validAt=2022-01-09'),
    null,
    'the day before the meeting nobody had a view, whatever the ledger knows',
  );
  t.equal(await oag(`validAt=2022-01-09&knownAt=${beforeCorrection}`), null, 'nor as known before the correction');
  t.equal(await oag(`knownAt=${beforeCorrection}`), 'support', 'knownAt alone: in force now, as known then');
  t.equal(
    await oag(`asOf=${beforeCorrection}&axis=recorded`),
    'support',
    'asOf on the recorded axis is the shorthand for validAt = knownAt',
  );

  const answer = (
    await api.get(
      `/v1/alignment?issueId=${issueId}&validAt=2022-01-31&knownAt=${beforeCorrection}&minPosition=${corrected.position.commit}`,
      reader,
    )
  ).json<{ validAt: string; knownAt: string }>();
  t.match(answer.validAt, /^2022-01-31T23:59:59\.999\+07:00$/, 'the answer names both clocks, in Bangkok time');
  t.equal(Date.parse(answer.knownAt), Date.parse(beforeCorrection));

  const mixed = await api.get(`/v1/alignment?asOf=2022-01-31&validAt=2022-01-31`, reader);
  t.equal(mixed.statusCode, 400, 'asOf together with validAt or knownAt is refused');
  t.match(mixed.body, /not both/);
  const bad = await api.get(`/v1/positions?knownAt=yesterday`, reader);
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /knownAt/);
});
