// Who pays for which request (docs/adr/0016-rate-limits.md): health probes never; a request with a
// valid token, its principal; a failed authentication, the client's address on its own smaller budget;
// anything else without a token (the API reference, unknown paths), the client's address. Behind a
// trusted reverse proxy the client's address comes from X-Forwarded-For.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';
import { bodies, slug } from './helpers/writes.js';

const badToken = () => `pl_${randomUUID()}`;

t.test(
  'bad tokens from one address lock out neither the health probes nor a valid token from that address',
  async (t) => {
    const api = await openApi(t, { config: { rateLimitMax: 50, authFailureLimitMax: 5 } });
    const token = await api.tokenFor('negotiator');
    const answers: number[] = [];
    for (let i = 0; i < 60; i++)
      answers.push((await api.post('/v1/processes', bodies.process(slug('proc')), { token: badToken() })).statusCode);
    t.same(answers.slice(0, 5), [401, 401, 401, 401, 401], 'the first failures within the budget are 401');
    t.ok(
      answers.slice(5).every((s) => s === 429),
      'then 429',
    );

    t.equal((await api.get('/healthz')).statusCode, 200, '/healthz still answers');
    t.equal((await api.get('/readyz')).statusCode, 200, '/readyz still answers');
    const valid = await api.post('/v1/processes', bodies.process(slug('proc')), { token });
    t.equal(valid.statusCode, 201, `a valid token from the same address is served: ${valid.body}`);
  },
);

t.test('failed authentications from one address are limited on their own smaller budget', async (t) => {
  const api = await openApi(t, {
    config: { rateLimitMax: 1000, authFailureLimitMax: 3, authFailureWindowMs: 120_000 },
  });
  for (let i = 0; i < 3; i++) {
    const res = await api.post('/v1/processes', bodies.process(slug('proc')), { token: badToken() });
    t.equal(res.statusCode, 401);
  }
  const before = await api.readAll();
  const over = await api.post('/v1/processes', bodies.process(slug('proc')), { token: badToken() });
  t.equal(over.statusCode, 429);
  t.match(over.headers['content-type'], /^application\/problem\+json/);
  t.match(over.json(), {
    code: 'rate_limited',
    details: { budget: 'failed_authentications', max: 3, windowMs: 120_000 },
  });
  t.match(over.json().detail, /failed authentications/);
  t.ok(Number(over.headers['retry-after']) > 0, 'Retry-After names the wait');
  t.equal((await api.readAll()).length, before.length, 'nothing appended');

  const missing = await api.post('/v1/processes', bodies.process(slug('proc')));
  t.equal(missing.statusCode, 429, 'a request without any token counts as a failed authentication too');
});

t.test(
  'authenticated requests are limited per principal: one principal over its budget does not slow another',
  async (t) => {
    const api = await openApi(t, { config: { rateLimitMax: 3 } });
    const busy = await api.tokenFor('negotiator');
    const other = await api.tokenFor('negotiator');
    for (let i = 0; i < 3; i++)
      t.equal((await api.post('/v1/processes', bodies.process(slug('proc')), { token: busy })).statusCode, 201);
    const over = await api.post('/v1/processes', bodies.process(slug('proc')), { token: busy });
    t.equal(over.statusCode, 429);
    t.match(over.json(), { code: 'rate_limited', details: { budget: 'principal', max: 3 } });
    t.ok(Number(over.headers['retry-after']) > 0);
    const served = await api.post('/v1/processes', bodies.process(slug('proc')), { token: other });
    t.equal(served.statusCode, 201, 'another principal from the same address is served');
    t.equal(served.headers['x-ratelimit-limit'], '3', 'and told its own budget');
    t.equal(served.headers['x-ratelimit-remaining'], '2');
  },
);

t.test('health probes are never limited', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 2, authFailureLimitMax: 1 } });
  for (let i = 0; i < 10; i++) {
    t.equal((await api.get('/healthz')).statusCode, 200);
    t.equal((await api.get('/readyz')).statusCode, 200);
  }
  t.equal((await api.get('/healthz')).headers['x-ratelimit-limit'], undefined, 'no budget is shown on a probe');
});

t.test('requests without a token outside the API (reference, unknown paths) are limited per address', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 2 } });
  const token = await api.tokenFor('negotiator');
  t.equal((await api.get('/openapi.json')).statusCode, 200);
  t.equal((await api.get('/no-such-path')).statusCode, 404);
  const over = await api.get('/openapi.json');
  t.equal(over.statusCode, 429);
  t.match(over.json(), { code: 'rate_limited', details: { budget: 'address' } });
  t.equal(
    (await api.post('/v1/processes', bodies.process(slug('proc')), { token })).statusCode,
    201,
    'the API itself still serves a valid token',
  );
});

t.test('behind a trusted proxy, clients are told apart by X-Forwarded-For', async (t) => {
  const viaProxy = (ip: string) => ({ token: badToken(), headers: { 'x-forwarded-for': ip } });

  const trusted = await openApi(t, { config: { authFailureLimitMax: 2, trustProxy: ['127.0.0.1'] } });
  for (let i = 0; i < 3; i++) await trusted.post('/v1/processes', bodies.process(slug('proc')), viaProxy('10.1.1.1'));
  t.equal(
    (await trusted.post('/v1/processes', bodies.process(slug('proc')), viaProxy('10.1.1.1'))).statusCode,
    429,
    'the failing client is limited',
  );
  t.equal(
    (await trusted.post('/v1/processes', bodies.process(slug('proc')), viaProxy('10.2.2.2'))).statusCode,
    401,
    'another client behind the proxy is not',
  );

  const untrusted = await openApi(t, { config: { authFailureLimitMax: 2 } });
  for (let i = 0; i < 3; i++) await untrusted.post('/v1/processes', bodies.process(slug('proc')), viaProxy('10.1.1.1'));
  t.equal(
    (await untrusted.post('/v1/processes', bodies.process(slug('proc')), viaProxy('10.2.2.2'))).statusCode,
    429,
    'without TRUST_PROXY a forged X-Forwarded-For buys no fresh budget',
  );
});
