// A rate-limit budget counted in @fastify/rate-limit's own store, asked directly (src/http/plugins/rate-budget.ts,
// ADR 0054): requests counted per key in windows, a key's window starting over once it has passed, and the store
// answering within the call (what lets a request within its budget pass without a promise).
import t from 'tap';
import { createRequire } from 'node:module';
import { RateBudget } from '../../../src/http/plugins/rate-budget.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

t.test('each request of a key is counted in its window, and other keys have their own counts', (t) => {
  const budget = new RateBudget(2, 60_000);
  t.equal(budget.count('principal:a').current, 1);
  t.equal(budget.count('principal:a').current, 2);
  t.equal(budget.count('principal:a').current, 3, 'over the budget the count goes on (the caller refuses it)');
  t.equal(budget.count('principal:b').current, 1, 'another key starts from one');
  const { ttl } = budget.count('principal:b');
  t.ok(ttl > 0 && ttl <= 60_000, `what is left of the window is given (${ttl} ms)`);
  t.equal(budget.maxText, '2');
  t.end();
});

t.test('once a key’s window has passed its count starts over', async (t) => {
  const budget = new RateBudget(1, 50);
  budget.count('address:10.0.0.1');
  t.equal(budget.count('address:10.0.0.1').current, 2);
  await sleep(120);
  t.equal(budget.count('address:10.0.0.1').current, 1, 'a fresh window');
});

t.test('a count handed back is not changed by the next count', (t) => {
  const budget = new RateBudget(5, 60_000);
  const first = budget.count('k');
  budget.count('k');
  t.equal(first.current, 1);
  t.end();
});

t.test('@fastify/rate-limit’s LocalStore still calls back within its incr', (t) => {
  // If an upgrade made it call back later, RateBudget.count would throw on every request: this says why.
  type Store = new () => { incr(key: string, cb: () => void, timeWindow: number, max: number): void };
  const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore') as Store;
  let called = false;
  new LocalStore().incr('k', () => (called = true), 1000, 1);
  t.ok(called);
  t.end();
});
