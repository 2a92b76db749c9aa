// The cross-cutting behaviour every route gets (errors as problem+json, request ids, security headers,
// rate limit, body limit, redacted logs, the OpenAPI document), shown on a tiny route of the test's own.
import { connect } from 'node:net';
import t from 'tap';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createInstance, type HttpConfig } from '../../src/http/instance.js';
import infrastructure from '../../src/http/infrastructure.js';
import { translateStoreError } from '../../src/http/errors/store.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { HttpProblem } from '../../src/http/problem.js';
import { captureLog } from './helpers/log-capture.js';

const baseConfig: HttpConfig = {
  bodyLimitBytes: 1024,
  rateLimitMax: 1000,
  rateLimitWindowMs: 60_000,
  authFailureLimitMax: 100_000,
  authFailureWindowMs: 60_000,
  trustProxy: false,
  requestTimeoutMs: 5_000,
};

async function testApp(config: Partial<HttpConfig> = {}) {
  const log = captureLog();
  const app = createInstance(log.logger, { ...baseConfig, ...config });
  await app.register(infrastructure, {
    config: { ...baseConfig, ...config },
    translators: [translateStoreError],
    version: 'test',
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/echo',
    {
      schema: {
        summary: 'Echo a note',
        body: z.strictObject({ note: z.string().min(1), count: z.number().int().optional() }),
        response: { 200: z.object({ note: z.string() }) },
      },
    },
    async (request) => ({ note: request.body.note }),
  );
  typed.get('/boom', async () => {
    throw new Error('connection string esdb://admin:hunter2@db is wrong');
  });
  typed.get('/store-down', async () => {
    throw new StoreUnavailableError('no leader');
  });
  typed.get('/gone', async () => {
    throw HttpProblem.of('not_found', { detail: 'no such thing' });
  });
  typed.get('/log-headers', async (request) => {
    request.log.info({ headers: request.headers, token: 'tok_abcdef' }, 'seen headers');
    return { ok: true };
  });
  await app.ready();
  t.teardown(() => app.close());
  return { app, log };
}

t.test('a failure inside a route answers 500 problem+json without the internals, which go to the log', async (t) => {
  const { app, log } = await testApp();
  const res = await app.inject({ method: 'GET', url: '/boom' });
  t.equal(res.statusCode, 500);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  const body = res.json();
  t.match(body, {
    type: 'urn:position-ledger:problem:internal_error',
    title: 'Internal server error',
    status: 500,
    code: 'internal_error',
    instance: '/boom',
    requestId: res.headers['x-request-id'],
  });
  t.notOk('detail' in body, 'no detail on a 5xx');
  t.notMatch(res.body, /hunter2|esdb|stack|Error/);
  t.match(log.text(), /hunter2/, 'the cause is logged for operators');
  const failure = log.lines().find((l) => l['msg'] === 'request failed');
  t.match(
    failure,
    { requestId: res.headers['x-request-id'], code: 'internal_error', level: 50 },
    'with the request id to find it by',
  );
});

t.test('an unknown field in the body answers 400 invalid_request naming the field', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'hi', colour: 'red' } });
  t.equal(res.statusCode, 400);
  const body = res.json();
  t.equal(body.code, 'invalid_request');
  t.match(body.errors, [{ in: 'body', code: 'unrecognized_keys' }]);
  t.match(body.detail, /colour/);
});

t.test('a value of the wrong type answers 400 with a pointer to it', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'hi', count: 'three' } });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ in: 'body', pointer: '/count', code: 'invalid_type' }]);
});

t.test('a body that is not JSON answers 400 malformed_json', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { 'content-type': 'application/json' },
    payload: '{"note": "hi",',
  });
  t.equal(res.statusCode, 400);
  t.equal(res.json().code, 'malformed_json');
  t.match(res.headers['content-type'], /^application\/problem\+json/);
});

t.test('a body over the limit answers 413 payload_too_large', async (t) => {
  const { app } = await testApp({ bodyLimitBytes: 1024 });
  const res = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'x'.repeat(2000) } });
  t.equal(res.statusCode, 413);
  t.equal(res.json().code, 'payload_too_large');
});

t.test('a body in another media type answers 415', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { 'content-type': 'application/xml' },
    payload: '<note>hi</note>',
  });
  t.equal(res.statusCode, 415);
  t.equal(res.json().code, 'unsupported_media_type');
});

t.test('an unknown path answers 404 route_not_found as a problem', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
  t.equal(res.statusCode, 404);
  t.match(res.json(), {
    code: 'route_not_found',
    instance: '/v1/nothing-here',
    detail: 'GET /v1/nothing-here does not exist',
  });
});

t.test('a problem thrown by a route keeps its status, code and detail', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'GET', url: '/gone' });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'not_found', detail: 'no such thing' });
});

t.test('an unreachable store answers 503 with Retry-After', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'GET', url: '/store-down' });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '5');
  t.equal(res.json().code, 'store_unavailable');
  t.notMatch(res.body, /leader/);
});

t.test('a plausible x-request-id is echoed, anything else is replaced by a fresh id', async (t) => {
  const { app } = await testApp();
  const kept = await app.inject({ method: 'GET', url: '/gone', headers: { 'x-request-id': 'abc-123' } });
  t.equal(kept.headers['x-request-id'], 'abc-123');
  t.equal(kept.json().requestId, 'abc-123');
  const replaced = await app.inject({
    method: 'GET',
    url: '/gone',
    headers: { 'x-request-id': 'bad id\u0000<script>' },
  });
  t.match(replaced.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const fresh = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'x' } });
  t.match(fresh.headers['x-request-id'], /^[0-9a-f-]{36}$/);
});

t.test('answers carry security headers', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'x' } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.match(res.headers['content-security-policy'], /default-src 'self'/);
  t.notMatch(res.headers['content-security-policy'], /upgrade-insecure-requests/, '/docs also works over plain HTTP');
  t.ok(res.headers['strict-transport-security']);
});

t.test('a client over the rate limit gets 429 rate_limited with Retry-After', async (t) => {
  const { app } = await testApp({ rateLimitMax: 3 });
  for (let i = 0; i < 3; i += 1) {
    const ok = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'x' } });
    t.equal(ok.statusCode, 200);
  }
  const res = await app.inject({ method: 'POST', url: '/echo', payload: { note: 'x' } });
  t.equal(res.statusCode, 429);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.equal(res.json().code, 'rate_limited');
  t.ok(Number(res.headers['retry-after']) > 0, 'Retry-After names the wait');
  const unknown = await app.inject({ method: 'GET', url: '/probing-for-routes' });
  t.equal(unknown.statusCode, 429, 'probing unknown paths is limited too');
});

t.test('logs never contain the authorization header or tokens', async (t) => {
  const { app, log } = await testApp();
  const secret = 'plt_supersecretvalue123';
  const res = await app.inject({ method: 'GET', url: '/log-headers', headers: { authorization: `Bearer ${secret}` } });
  t.equal(res.statusCode, 200);
  const line = log.lines().find((l) => l['msg'] === 'seen headers');
  t.ok(line, 'the route logged');
  t.match(line, { headers: { authorization: '[redacted]' }, token: '[redacted]' });
  t.notMatch(log.text(), secret);
  t.notMatch(log.text(), 'tok_abcdef');
});

t.test('the OpenAPI document lists the routes with their zod schemas and /docs serves HTML', async (t) => {
  const { app } = await testApp();
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.equal(doc.openapi, '3.0.3');
  const echo = doc.paths['/echo'].post;
  t.equal(echo.summary, 'Echo a note');
  t.match(echo.requestBody.content['application/json'].schema, {
    type: 'object',
    required: ['note'],
    additionalProperties: false,
  });
  t.notOk(doc.paths['/docs'], 'the reference itself is not documented');
  const docs = await app.inject({ method: 'GET', url: '/docs' });
  const page = docs.statusCode === 302 ? await app.inject({ method: 'GET', url: String(docs.headers.location) }) : docs;
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.body, /swagger/i);
});

t.test(
  'a client that stalls or trickles its body is cut with 408 once REQUEST_TIMEOUT_MS has passed, not a minute later',
  async (t) => {
    const requestTimeoutMs = 400;
    const { app } = await testApp({ requestTimeoutMs });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    // Node's own default cut comes after 60 s (its headers timeout) plus up to 30 s (its checking
    // interval); this bound is far above the configured timeout and far below that.
    const bound = 15_000;
    for (const trickle of [false, true]) {
      const answer = await new Promise<string>((resolve) => {
        let received = '';
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"note":"',
          );
        });
        const drip = trickle ? setInterval(() => socket.write('x'), 100) : undefined;
        const giveUp = setTimeout(() => {
          socket.destroy();
          resolve(`still open after ${bound} ms`);
        }, bound);
        socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(giveUp);
          clearInterval(drip);
          resolve(received);
        });
      });
      t.match(
        answer,
        /^HTTP\/1\.1 408 /,
        trickle ? 'a body sent a byte at a time is cut too' : 'a stalled body is cut',
      );
    }
  },
);
