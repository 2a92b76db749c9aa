// Concurrent writers on one consultation over HTTP, without If-Match (issue 9: 27 % of 5 writers and
// 60 % of 10 got 409 stream_conflict): writes that do not depend on each other all get 201.
import t from 'tap';
import { AGENCY_CODES } from '../../contracts/index.js';
import { openApi } from './helpers/api.js';
import { bodies, newIssue, setup } from './helpers/writes.js';
import { randomUUID } from 'node:crypto';

t.test('every participating agency posting its view to one consultation at once gets 201, none a 409', async (t) => {
  const api = await openApi(t);
  const { issueId } = await newIssue(api);
  const consultationId = randomUUID();
  await setup(api, '/v1/consultations', {
    consultationId,
    ...bodies.consultation('MFA', issueId),
    participants: [...AGENCY_CODES],
  });
  const tokens = await Promise.all(AGENCY_CODES.map((agency) => api.tokenFor('agency-officer', agency)));
  const answers = await Promise.all(
    AGENCY_CODES.map((agency, i) =>
      api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, agency), { token: tokens[i] }),
    ),
  );
  t.same(
    answers.map((res) => res.statusCode),
    AGENCY_CODES.map(() => 201),
    answers
      .filter((res) => res.statusCode !== 201)
      .map((res) => res.body)
      .join('\n'),
  );
  const views = (await api.readStream(`consultation-${consultationId}`)).filter((e) => e.type === 'AgencyViewRecorded');
  t.equal(views.length, AGENCY_CODES.length);
});
