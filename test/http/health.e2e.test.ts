// Liveness and readiness, and what callers see when the event store goes away: 503 with Retry-After,
// never internals. A failure of any other kind is a 500 that says nothing about its cause.
import t from 'tap';
import { writeFile } from 'node:fs/promises';
import { openApi } from './helpers/api.js';
import { bodies, slug } from './helpers/writes.js';

t.test('health and failures', async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor('negotiator');

  t.test('/healthz answers without a token', async (t) => {
    const res = await api.get('/healthz');
    t.equal(res.statusCode, 200);
    t.same(res.json(), { status: 'ok' });
  });

  t.test('probes are not logged request by request; other requests are', async (t) => {
    await api.get('/healthz');
    await api.get('/readyz');
    await api.get('/openapi.json');
    const urls = api.log
      .lines()
      .filter((l) => l['msg'] === 'incoming request')
      .map((l) => {
        const req = l['req'];
        return typeof req === 'object' && req !== null && 'url' in req ? req.url : undefined;
      });
    t.notOk(urls.includes('/healthz'));
    t.notOk(urls.includes('/readyz'));
    t.ok(urls.includes('/openapi.json'));
  });

  t.test('/readyz answers 200 while the store answers', async (t) => {
    const res = await api.get('/readyz');
    t.equal(res.statusCode, 200);
    t.match(res.json(), { status: 'ready', checks: { store: { ok: true } } });
  });

  t.test('a failure the API does not expect answers 500 internal_error and names no internals', async (t) => {
    // A token file another process corrupted: the token store can no longer verify anything.
    await writeFile(api.tokenFile, '{"version": 1, "tokens": [ {"broken": ');
    const res = await api.post('/v1/processes', bodies.process(slug('proc')), { token });
    t.equal(res.statusCode, 500);
    const problem = res.json();
    t.match(problem, { code: 'internal_error', status: 500, requestId: res.headers['x-request-id'] });
    t.notOk('detail' in problem);
    t.notMatch(res.body, /tokens\.json|Token store|JSON|at /);
    t.match(api.log.text(), /tokens\.json/, 'the cause is in the log');
  });

  t.test('with the store gone, /readyz answers 503 and writes answer 503 with Retry-After', async (t) => {
    await api.stopStore();
    const ready = await api.get('/readyz');
    t.equal(ready.statusCode, 503);
    t.ok(ready.headers['retry-after']);
    t.match(ready.json(), { status: 'not_ready', checks: { store: { ok: false } } });
    t.equal(JSON.stringify(ready.json()).includes('127.0.0.1'), false, 'no addresses');
  });
});

t.test('writes while the store is unreachable answer 503 store_unavailable', async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor('negotiator');
  await api.stopStore();
  const res = await api.post('/v1/processes', bodies.process(slug('proc')), { token });
  t.equal(res.statusCode, 503, res.body);
  t.equal(res.json().code, 'store_unavailable');
  t.ok(Number(res.headers['retry-after']) > 0);
});

t.test('a client over the rate limit gets 429 rate_limited on the API too', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 2 } });
  t.equal((await api.get('/healthz')).statusCode, 200);
  t.equal((await api.get('/healthz')).statusCode, 200);
  const res = await api.post('/v1/processes', bodies.process(slug('proc')));
  t.equal(res.statusCode, 429);
  t.equal(res.json().code, 'rate_limited');
});
