// A request's logger is made when something is logged through it (src/http/lazy-logger.ts, ADR 0048): what it
// writes is what a request's pino child writes (the request id, the app's redaction), and a request that logs nothing
// at the app's level makes no child.
import t from 'tap';
import { pino } from 'pino';
import { createInstance, type HttpConfig } from '../../src/http/instance.js';

const config: HttpConfig = {
  bodyLimitBytes: 1024,
  rateLimitMax: 1000,
  rateLimitWindowMs: 60_000,
  authFailureLimitMax: 1000,
  authFailureWindowMs: 60_000,
  trustProxy: false,
  requestTimeoutMs: 5_000,
};

async function appAt(level: pino.Level) {
  const chunks: string[] = [];
  let children = 0;
  const logger = pino({ level, onChild: () => (children += 1) }, { write: (chunk: string) => void chunks.push(chunk) });
  const app = createInstance(logger, config);
  app.get('/quiet', async (request) => {
    request.log.debug({ detail: 'not at this level' }, 'debugging');
    return { ok: true };
  });
  app.get('/loud', async (request) => {
    request.log.warn({ authorization: 'Bearer pl_secret', detail: 'kept' }, 'something odd');
    return { ok: true };
  });
  app.get('/levelled', async (request) => {
    request.log.level = 'debug';
    request.log.debug('now at debug');
    return { ok: true };
  });
  await app.ready();
  t.teardown(() => app.close());
  const lines = (): Array<Record<string, unknown>> =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l): Record<string, unknown> => JSON.parse(l));
  return { app, lines, children: () => children, level: () => logger.level };
}

t.test('a line logged through a request carries its request id and is redacted as every line is', async (t) => {
  const { app, lines } = await appAt('warn');
  const res = await app.inject({ method: 'GET', url: '/loud', headers: { 'x-request-id': 'req-loud-1' } });
  t.equal(res.statusCode, 200);
  const line = lines().find((l) => l['msg'] === 'something odd');
  t.ok(line, 'the line is written');
  t.equal(line?.['requestId'], 'req-loud-1');
  t.equal(line?.['component'], 'http', "the app's logger is its parent");
  t.equal(line?.['detail'], 'kept');
  t.equal(line?.['authorization'], '[redacted]');
});

t.test('a request that logs nothing at the level the app logs at makes no logger of its own', async (t) => {
  const { app, lines, children } = await appAt('warn');
  const before = children();
  for (let i = 0; i < 3; i += 1) t.equal((await app.inject({ method: 'GET', url: '/quiet' })).statusCode, 200);
  t.equal(children(), before, 'no child made');
  t.same(
    lines().filter((l) => l['msg'] === 'debugging' || l['msg'] === 'request completed'),
    [],
    'and nothing written',
  );
  await app.inject({ method: 'GET', url: '/loud' });
  t.equal(children(), before + 1, 'one made for the request that logs');
});

t.test("at info every request's completion line is written, with its request id", async (t) => {
  const { app, lines } = await appAt('info');
  await app.inject({ method: 'GET', url: '/quiet', headers: { 'x-request-id': 'req-quiet-1' } });
  const done = lines().find((l) => l['msg'] === 'request completed');
  t.equal(done?.['requestId'], 'req-quiet-1');
  t.equal(lines().filter((l) => l['msg'] === 'debugging').length, 0, 'debug stays off');
});

t.test("a level set on a request's logger is that request's alone", async (t) => {
  const { app, lines, level } = await appAt('info');
  await app.inject({ method: 'GET', url: '/levelled', headers: { 'x-request-id': 'req-levelled-1' } });
  t.equal(lines().find((l) => l['msg'] === 'now at debug')?.['requestId'], 'req-levelled-1');
  t.equal(level(), 'info', "the app's logger keeps its level");
  await app.inject({ method: 'GET', url: '/quiet' });
  t.equal(lines().filter((l) => l['msg'] === 'debugging').length, 0, 'another request logs at the app level');
});
