// Liveness and readiness, and what callers see when the event store goes away: 503 with Retry-After,
// never internals. A failure of any other kind is a 500 that says nothing about its cause.
import t from 'tap';
import { writeFile } from 'node:fs/promises';
import { openApi } from './helpers/api.js';
import { bodies, slug } from './helpers/writes.js';
import { openReadApi } from './read/read-api.js';
import { draftEvent } from '../read/events.js';
import type { LedgerStore, LedgerSubscription } from '../../src/store/adapter.js';
import { READY_LAG_LIMIT } from '../../src/read/lag.js';
import { usesExternalStore } from '../helpers/esdb.js';

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

t.test(
  "/readyz reports the projector's lag: the store's head, the projector's position and the events not applied yet",
  async (t) => {
    const api = await openReadApi(t);
    const issueId = slug('lag');
    const first = await api.store.append(`position-${issueId}`, [draftEvent(issueId, 1)], {
      expectedRevision: 'no_stream',
    });
    t.ok(await api.read.projector.waitFor(first.position.commit, 5000));

    const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(ready.statusCode, 200, ready.body);
    const lag = ready.json<{ checks: { projector: { ok: boolean; lag: Lag } } }>().checks.projector.lag;
    t.match(lag, { eventsBehind: 0, eventsBehindExact: true, caughtUp: true });
    t.equal(lag.position, first.position.commit.toString(), 'the projector has the last write');
    t.ok(lag.head !== null && BigInt(lag.head) >= first.position.commit, 'the head is at or past it');

    // The projector stops following; the ledger moves on by three events.
    await api.read.projector.stop();
    let revision = 0n;
    let last = first;
    for (let version = 2; version <= 4; version++) {
      last = await api.store.append(`position-${issueId}`, [draftEvent(issueId, version)], {
        expectedRevision: revision,
      });
      revision += 1n;
    }
    const behind = await api.app.inject({ method: 'GET', url: '/readyz' });
    const projector = behind.json<{ checks: { projector: { ok: boolean; detail: string; lag: Lag } } }>().checks
      .projector;
    t.equal(projector.lag.position, first.position.commit.toString(), 'still where it stopped');
    t.equal(
      projector.lag.head,
      (await api.store.headPosition())?.commit.toString(),
      "the head is the store's last position",
    );
    t.ok(BigInt(projector.lag.head ?? '0') >= last.position.commit);
    t.equal(
      projector.lag.eventsBehind,
      usesExternalStore() ? projector.lag.eventsBehind : 3,
      'three ledger events not applied',
    );
    t.ok(projector.lag.eventsBehind >= 3);
    t.equal(projector.lag.caughtUp, false);
    t.match(projector.detail, /\d+ events behind the store/);
  },
);

/** The store as over a link that delivers live events only once `release` is called. */
function heldLink(store: LedgerStore) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const link = {
    readAll: store.readAll,
    subscribeToAll(options?: Parameters<LedgerStore['subscribeToAll']>[0]): LedgerSubscription {
      const live = store.subscribeToAll(options);
      return {
        close: () => live.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of live) {
            await released;
            yield event;
          }
        },
      };
    },
  };
  return { link, release };
}

t.test(
  '/readyz answers not ready while the projector, connected, is more than READY_LAG_LIMIT events behind the store',
  async (t) => {
    let release: () => void = () => undefined;
    const api = await openReadApi(t, {
      readStore: (store) => {
        const held = heldLink(store);
        release = held.release;
        return held.link;
      },
    });
    const issueId = slug('behind');
    const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(ready.statusCode, 200, 'ready once caught up');

    // The subscription is open but its events are held: the ledger moves on without the projector.
    const few = await api.store.append(`position-${issueId}`, [draftEvent(issueId, 1)], {
      expectedRevision: 'no_stream',
    });
    const afew = await api.app.inject({ method: 'GET', url: '/readyz' });
    const fewLag = afew.json<{ checks: { projector: { ok: boolean; lag: Lag } } }>().checks.projector;
    t.equal(fewLag.lag.caughtUp, false, 'one event not applied');
    t.equal(afew.statusCode, 200, 'a few events behind is still ready');
    t.equal(fewLag.ok, true);

    const many = Array.from({ length: READY_LAG_LIMIT }, (_, i) => draftEvent(issueId, i + 2));
    const last = await api.store.append(`position-${issueId}`, many, { expectedRevision: 0n });
    const behind = await api.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(behind.statusCode, 503, behind.body);
    const projector = behind.json<{
      status: string;
      checks: { projector: { ok: boolean; detail: string; lag: Lag } };
    }>().checks.projector;
    t.equal(projector.ok, false);
    t.ok(projector.lag.eventsBehind > READY_LAG_LIMIT, `${projector.lag.eventsBehind} events behind`);
    t.match(projector.detail, /events behind the store/);
    t.equal(behind.headers['retry-after'], '5');

    release();
    t.ok(await api.read.projector.waitFor(last.position.commit, 10_000), 'the held events arrive');
    t.ok(few.position.commit <= last.position.commit);
    const again = await api.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(again.statusCode, 200, again.body);
  },
);

t.test(
  'probes that come while the lag is being counted share that count instead of each reading the store',
  async (t) => {
    let reads = 0;
    let counting = false;
    const api = await openReadApi(t, {
      readStore: (store) => ({
        subscribeToAll: (options) => store.subscribeToAll(options),
        readAll(options) {
          if (counting) reads += 1;
          return store.readAll(options);
        },
      }),
    });
    const issueId = slug('probes');
    await api.read.projector.stop();
    await api.store.append(`position-${issueId}`, [draftEvent(issueId, 1)], { expectedRevision: 'no_stream' });
    counting = true;
    const probes = await Promise.all(
      Array.from({ length: 4 }, () => api.app.inject({ method: 'GET', url: '/readyz' })),
    );
    counting = false;
    for (const probe of probes) {
      const lag = probe.json<{ checks: { projector: { lag: Lag } } }>().checks.projector.lag;
      t.ok(lag.eventsBehind >= 1, 'each probe says the projector is behind');
    }
    t.equal(reads, 1, 'four probes at once, one read of the store');
  },
);

interface Lag {
  head: string | null;
  position: string | null;
  eventsBehind: number;
  eventsBehindExact: boolean;
  caughtUp: boolean;
}
