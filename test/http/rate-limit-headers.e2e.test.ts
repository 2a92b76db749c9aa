// What a client is told of its budget (docs/adr/0016-rate-limits.md), as @fastify/rate-limit's limiter told it before
// the budgets were counted directly in its store (ADR 0054): x-ratelimit-limit/remaining/reset on every answer
// counted against the principal's or the address's budget, none on a failed authentication until its 429, and a
// budget full again once its window has passed.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (value: unknown): number => Number(value);

t.test(
  'each answer to a principal tells its budget: the limit, what is left, and the seconds to its reset',
  async (t) => {
    const api = await openApi(t, { config: { rateLimitMax: 3, rateLimitWindowMs: 60_000 } });
    const token = await api.tokenFor('negotiator');
    for (const left of ['2', '1', '0']) {
      const answer = await api.get('/v1/issues', token);
      t.equal(answer.statusCode, 200);
      t.equal(answer.headers['x-ratelimit-limit'], '3');
      t.equal(answer.headers['x-ratelimit-remaining'], left);
      const reset = seconds(answer.headers['x-ratelimit-reset']);
      t.ok(reset >= 1 && reset <= 60, `reset in ${reset} s`);
    }
    const over = await api.get('/v1/issues', token);
    t.equal(over.statusCode, 429);
    t.equal(over.headers['x-ratelimit-limit'], '3');
    t.equal(over.headers['x-ratelimit-remaining'], '0');
    t.ok(seconds(over.headers['x-ratelimit-reset']) >= 1, 'the reset is still given');
    const retry = seconds(over.headers['retry-after']);
    t.ok(retry >= 1 && retry <= 60, `Retry-After ${retry} s`);
    t.match(over.json(), {
      code: 'rate_limited',
      detail: /^At most 3 requests of this principal per 60 s; retry in \d+ s$/,
      details: { budget: 'principal', max: 3, windowMs: 60_000 },
    });
  },
);

t.test('a request without a token outside the API is told the address’s budget', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 2, rateLimitWindowMs: 30_000 } });
  const first = await api.get('/openapi.json');
  t.equal(first.headers['x-ratelimit-limit'], '2');
  t.equal(first.headers['x-ratelimit-remaining'], '1');
  const unknown = await api.get('/no-such-path');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.headers['x-ratelimit-remaining'], '0', 'an unknown path spends from the same budget');
  const over = await api.get('/openapi.json');
  t.equal(over.statusCode, 429);
  t.match(over.json(), { details: { budget: 'address', max: 2, windowMs: 30_000 } });
  t.match(over.json().detail, /^At most 2 requests without a token from this address per 30 s/);
});

t.test('failed authentications are told nothing of their budget until the 429 that ends it', async (t) => {
  const api = await openApi(t, { config: { authFailureLimitMax: 2, authFailureWindowMs: 90_000 } });
  const bad = { token: `pl_${randomUUID()}` };
  for (let i = 0; i < 2; i++) {
    const refused = await api.get('/v1/issues', bad.token);
    t.equal(refused.statusCode, 401);
    t.equal(refused.headers['x-ratelimit-limit'], undefined);
    t.equal(refused.headers['x-ratelimit-remaining'], undefined);
    t.equal(refused.headers['x-ratelimit-reset'], undefined);
  }
  const over = await api.get('/v1/issues', bad.token);
  t.equal(over.statusCode, 429);
  t.equal(over.headers['x-ratelimit-limit'], '2');
  t.equal(over.headers['x-ratelimit-remaining'], '0');
  t.equal(over.headers['x-ratelimit-reset'], undefined, 'no reset: the budget is not shown on every answer');
  t.ok(seconds(over.headers['retry-after']) >= 1);
  t.match(over.json(), { details: { budget: 'failed_authentications', max: 2, windowMs: 90_000 } });
});

t.test('a principal over its budget is served again once the window has passed', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 1, rateLimitWindowMs: 300 } });
  const token = await api.tokenFor('negotiator');
  t.equal((await api.get('/v1/issues', token)).statusCode, 200);
  t.equal((await api.get('/v1/issues', token)).statusCode, 429);
  await sleep(450);
  const again = await api.get('/v1/issues', token);
  t.equal(again.statusCode, 200, 'a fresh window');
  t.equal(again.headers['x-ratelimit-remaining'], '0');
});
