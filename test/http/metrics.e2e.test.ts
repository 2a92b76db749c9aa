// GET /metrics (ADR 0037): Prometheus text for auditors and admins, requests counted by route pattern and
// status (never the URL), one registry per app; and the access log's completion line naming the caller,
// never the token.
import t from 'tap';
import { openApi } from './helpers/api.js';
import { bodies, newProcess, slug } from './helpers/writes.js';

/** The value of one series in a Prometheus text exposition, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

t.test('an auditor reads /metrics as Prometheus text, requests counted by route pattern and status', async (t) => {
  const api = await openApi(t);
  const auditor = await api.tokenFor('auditor', 'OAG', 'unclassified');
  const negotiator = await api.tokenFor('negotiator');
  const { processId } = await newProcess(api);
  const missing = slug('no-such-issue');
  for (let i = 0; i < 3; i += 1) {
    const res = await api.post(
      `/v1/issues/${missing}/retitle`,
      { title: { th: 'ชื่อ', en: 'Title' } },
      { token: negotiator },
    );
    t.equal(res.statusCode, 404, 'a retitle of an unknown issue is 404');
  }
  t.equal(
    (await api.post('/v1/issues', bodies.issue(slug('issue'), processId), { token: negotiator })).statusCode,
    201,
  );
  await api.get('/no/such/route');

  const res = await api.get('/metrics', auditor);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const text = res.body;
  t.equal(
    sample(
      text,
      'ledger_http_request_duration_seconds_count{method="POST",route="/v1/issues/:issueId/retitle",status="404"}',
    ),
    3,
    'three 404s on the route pattern',
  );
  t.equal(
    sample(text, 'ledger_http_request_duration_seconds_count{method="POST",route="/v1/issues",status="201"}'),
    1,
    'the 201',
  );
  t.equal(
    sample(text, 'ledger_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}'),
    1,
    'a URL no route takes is "unmatched"',
  );
  t.notOk(text.includes(missing), 'the issue id asked for is in no label');
  t.notOk(text.includes('/no/such/route'), 'nor is an unknown URL');
  t.match(text, /# TYPE ledger_http_request_duration_seconds histogram/);
});

t.test('/metrics needs a token of an auditor or an admin', async (t) => {
  const api = await openApi(t);
  t.equal((await api.get('/metrics')).statusCode, 401, 'no token');
  const negotiator = await api.get('/metrics', await api.tokenFor(['negotiator', 'approver'], 'MFA', 'top-secret'));
  t.equal(negotiator.statusCode, 403);
  t.equal(negotiator.json<{ code: string }>().code, 'role_not_allowed');
  t.equal((await api.get('/metrics', await api.tokenFor('admin'))).statusCode, 200, 'an admin');
});

t.test('two apps in one process count their own requests', async (t) => {
  const [one, two] = [await openApi(t), await openApi(t)];
  const [a, b] = [await one.tokenFor('auditor'), await two.tokenFor('auditor')];
  for (let i = 0; i < 4; i += 1) await one.get('/healthz');
  await two.get('/healthz');
  const series = 'ledger_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}';
  t.equal(sample((await one.get('/metrics', a)).body, series), 4);
  t.equal(sample((await two.get('/metrics', b)).body, series), 1);
});

t.test('with METRICS_PORT the API serves no /metrics', async (t) => {
  const api = await openApi(t, { metricsRoute: false });
  const res = await api.get('/metrics', await api.tokenFor('admin'));
  t.equal(res.statusCode, 404);
});

t.test("the access log names the principal's id, agency and roles, and never a token", async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor(['negotiator', 'approver'], 'MFA', 'secret');
  const unknown = `pl_${'x'.repeat(40)}`;
  await newProcess(api);
  await api.post('/v1/processes', bodies.process(slug('proc')), { token });
  await api.post('/v1/processes', bodies.process(slug('proc')), { token: unknown });
  await api.app.inject({
    method: 'POST',
    url: '/v1/processes',
    headers: { authorization: `Basic ${Buffer.from(`user:${token}`).toString('base64')}` },
    payload: {},
  });
  // Tokens pasted where they do not belong: a query parameter, a path.
  await api.app.inject({ method: 'GET', url: `/v1/positions?access_token=${token}&asOf=2024-01-01` });
  await api.app.inject({ method: 'GET', url: `/v1/issues/${token}/position` });

  const text = api.log.text();
  t.notOk(text.includes(token), 'the valid token appears nowhere in the log');
  t.notOk(text.includes(token.slice(3)), 'nor its secret part');
  t.notOk(text.includes(unknown), 'nor the unknown one');
  const completed = api.log.lines().filter((l) => l['msg'] === 'request completed');
  const mine = completed.filter(
    (l) => l['route'] === '/v1/processes' && typeof l['principalId'] === 'string' && l['agency'] === 'MFA',
  );
  t.ok(mine.length >= 1, 'the write by the principal is logged');
  t.same(mine.at(-1)?.['roles'], ['negotiator', 'approver'], 'with its roles');
  const refused = completed.filter(
    (l) => l['route'] === '/v1/processes' && (l['res'] as { statusCode?: number } | undefined)?.statusCode === 401,
  );
  t.ok(refused.length >= 1, 'a refused request is logged too');
  t.ok(
    refused.every((l) => l['principalId'] === undefined),
    'without a principal',
  );
  t.match(text, 'asOf=2024-01-01', 'the rest of a URL is still logged');
});
