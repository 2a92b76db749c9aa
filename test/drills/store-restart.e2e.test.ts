// Drill: the event store goes away under a running ledger. `ledger store` runs as a process of its own
// and `ledger serve` talks to it (ESDB_URL), while writers keep writing. The store is first frozen
// (SIGSTOP: the port still accepts connections, nothing answers, as with a hung machine or a network
// that drops packets), then killed (SIGKILL) and started again on the same files and port. Throughout:
// - every write gets an answer: 201, or 503 problem+json `store_unavailable` with Retry-After, never a
//   hang beyond REQUEST_TIMEOUT_MS (the client here gives up only well after it) and never another 5xx;
// - /readyz answers 503 naming the store while it is down, and 200 again once it is back;
// - the ledger process stays up, and its projector resubscribes from its checkpoint: the live event
//   stream and the auditors' event list hold every ledger event of the store once, in order (no gap, no
//   duplicate), and a full replay gives the same read models;
// - every write answered 201 is in the store with its event ids; every write answered 503, sent again
//   with its Idempotency-Key once the store is back, is answered 201 and is in the store exactly once.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { bodies, slug } from '../http/helpers/writes.js';
import {
  followLive,
  httpTo,
  isAnswer,
  mustWrite,
  problemCode,
  readerOf,
  tokensIn,
  type Answer,
  type NoAnswer,
} from './helpers/client.js';
import { eventually, sleep, startServe, startStore, writeCounts, type StoreProcess } from './helpers/processes.js';

const REQUEST_TIMEOUT_MS = 2000;
/** A client gives up on an answer this late: anything later counts as a hang. */
const HANG_MS = 3 * REQUEST_TIMEOUT_MS + 5000;
const WRITERS = 8;

interface Sent {
  url: string;
  body: unknown;
  key: string;
  answer: Answer | NoAnswer;
}

t.test(
  'the embedded store frozen, then killed and restarted under a running ledger: clean 503s, /readyz says so, nothing lost or doubled',
  async (t) => {
    const drill = t;
    const dir = await mkdtemp(path.join(tmpdir(), 'ledger-drill-store-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const storeDir = path.join(dir, 'store');
    const dataDir = path.join(dir, 'ledger');

    let store: StoreProcess = await startStore(t, storeDir);
    // The drill is not about rate limits: one principal writes far more than a person would.
    const ledger = await startServe(t, dataDir, {
      env: {
        ESDB_URL: store.connectionString,
        REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        RATE_LIMIT_MAX: '1000000',
      },
    });
    const http = httpTo(() => ledger.url);
    const tokenFor = tokensIn(dataDir);
    const desk = await tokenFor('admin', 'MFA', 'top-secret');
    const auditor = await tokenFor('auditor', 'OAG', 'top-secret');

    const processId = slug('proc');
    await mustWrite(http, '/v1/processes', bodies.process(processId), desk);
    const issueId = slug('issue');
    await mustWrite(http, '/v1/issues', bodies.issue(issueId, processId), desk);
    const consultationId = randomUUID();
    await mustWrite(http, '/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, desk);
    const live = followLive(ledger.url, auditor);
    t.teardown(() => live.close());
    await eventually('the live stream opens', async () => (live.events.length > 0 ? true : undefined));

    // Writers: a view on the one consultation (one stream, writes taking turns) or a new process.
    const sent: Sent[] = [];
    let writing = true;
    const agencies = ['MFA', 'OAG', 'RTP', 'NCSA'] as const;
    const writer = async (n: number): Promise<void> => {
      for (let i = 0; writing; i += 1) {
        const view = (n + i) % 2 === 0;
        const url = view ? `/v1/consultations/${consultationId}/views` : '/v1/processes';
        const body = view
          ? bodies.view(issueId, agencies[(n + i) % agencies.length] ?? 'MFA')
          : bodies.process(slug('proc'));
        const key = randomUUID();
        const answer = await http.post(url, body, desk, { key, timeoutMs: HANG_MS });
        sent.push({ url, body, key, answer });
        // Keep the load moderate while the store is down: a refused write comes back at once.
        if (answer.status !== 201) await sleep(50);
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));
    const probe = async (): Promise<Array<Answer | NoAnswer>> =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          http.post('/v1/processes', bodies.process(slug('proc')), desk, { timeoutMs: HANG_MS }),
        ),
      );
    const readyz = () => http.get('/readyz', undefined, HANG_MS);
    const storeDown = (a: Answer | NoAnswer): boolean =>
      isAnswer(a) &&
      a.status === 503 &&
      a.headers.get('retry-after') !== null &&
      /^application\/problem\+json/.test(a.headers.get('content-type') ?? '') &&
      problemCode(a) === 'store_unavailable';
    const readyzSaysStoreDown = (a: Answer | NoAnswer): boolean =>
      isAnswer(a) &&
      a.status === 503 &&
      typeof a.body === 'object' &&
      a.body !== null &&
      JSON.stringify(a.body).includes('"store":{"ok":false');
    await sleep(500);

    await t.test(
      'a frozen store: writes answer 503 store_unavailable, none hangs; /readyz names the store',
      async (t) => {
        store.signal('SIGSTOP');
        await sleep(300);
        const answers = await probe();
        for (const a of answers)
          t.ok(storeDown(a), `503 problem+json store_unavailable with Retry-After (got ${a.status} after ${a.ms} ms)`);
        t.ok(readyzSaysStoreDown(await readyz()), '/readyz: 503, store not ok');
        store.signal('SIGCONT');
        await eventually('writes succeed again after the store thaws', async () =>
          (await probe()).every((a) => a.status === 201) ? true : undefined,
        );
      },
    );

    await t.test(
      'a killed store: writes answer 503 store_unavailable; /readyz names the store; after its restart, writes and reads resume',
      async (t) => {
        await store.kill();
        await sleep(300);
        for (const a of await probe())
          t.ok(storeDown(a), `503 problem+json store_unavailable with Retry-After (got ${a.status} after ${a.ms} ms)`);
        t.ok(readyzSaysStoreDown(await readyz()), '/readyz: 503, store not ok');
        await sleep(1000);
        store = await startStore(drill, storeDir, store.port);
        await eventually('writes succeed again on the restarted store', async () =>
          (await probe()).every((a) => a.status === 201) ? true : undefined,
        );
        await eventually('/readyz answers 200 again', async () => ((await readyz()).status === 200 ? true : undefined));
      },
    );

    writing = false;
    await Promise.all(writers);

    t.test('every write got an answer: 201 or 503 store_unavailable, never a hang or another 5xx', async (t) => {
      const byStatus = new Map<number, number>();
      for (const s of sent) byStatus.set(s.answer.status, (byStatus.get(s.answer.status) ?? 0) + 1);
      const slowest = Math.max(...sent.map((s) => s.answer.ms));
      t.comment(
        `writes: ${sent.length}; by status: ${JSON.stringify(Object.fromEntries(byStatus))}; slowest answer ${slowest} ms`,
      );
      await writeCounts('store', {
        writers: WRITERS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        writes: sent.length,
        byStatus: Object.fromEntries(byStatus),
        slowestAnswerMs: slowest,
      });
      const bad = sent.filter((s) => s.answer.status !== 201 && !storeDown(s.answer));
      t.same(
        bad.map((s) => ({
          url: s.url,
          status: s.answer.status,
          body: isAnswer(s.answer) ? s.answer.body : s.answer.error,
        })),
        [],
      );
      t.ok(
        sent.some((s) => s.answer.status === 503),
        'some writes met the store down',
      );
      t.ok(ledger.alive(), 'the ledger process never went down');
    });

    const reader = readerOf(store.connectionString);
    t.teardown(() => reader.close());

    t.test(
      'every write answered 201 is in the store with its event ids; a 503 sent again is written exactly once',
      async (t) => {
        // A write that got no answer at all (none should: the test above says so) is sent again too.
        for (const s of sent.filter((x) => x.answer.status === 503 || x.answer.status === 0)) {
          const again = await http.post(s.url, s.body, desk, { key: s.key, timeoutMs: HANG_MS });
          t.equal(
            again.status,
            201,
            `retry of a 503 with its Idempotency-Key: ${JSON.stringify(isAnswer(again) ? again.body : again.error)}`,
          );
          s.answer = again;
        }
        const events = await reader.entries();
        const ids = new Map(events.map((e) => [e.id, e]));
        let acknowledged = 0;
        for (const s of sent) {
          if (!isAnswer(s.answer) || s.answer.status !== 201) continue;
          const { eventIds, streamName } = s.answer.body as { eventIds: string[]; streamName: string };
          for (const id of eventIds) {
            acknowledged += 1;
            if (ids.get(id)?.streamName !== streamName)
              t.fail(`event ${id} of ${s.url} (key ${s.key}) is not in ${streamName}`);
          }
          const withKey = events.filter((e) => e.metadata['idempotencyKey'] === s.key);
          if (withKey.length !== eventIds.length)
            t.fail(`key ${s.key}: ${withKey.length} events in the store, ${eventIds.length} answered`);
        }
        t.equal(new Set(events.map((e) => e.id)).size, events.length, 'no event id twice in the store');
        t.comment(`events acknowledged and found: ${acknowledged}; ledger events in the store: ${events.length}`);
        t.ok(acknowledged > 0);
      },
    );

    t.test(
      'the projector resubscribed from its checkpoint: the read side holds every ledger event once, in order',
      async (t) => {
        t.match(ledger.output(), /projector lost the store; resubscribing/, 'the subscription did break');
        const events = await reader.entries();
        const head = events.at(-1);
        const headId = head === undefined ? '' : `${head.position.commit}/${head.position.prepare}`;
        await eventually('the live stream reaches the head', async () =>
          live.events.some((e) => e.id === headId) ? true : undefined,
        );
        const first = live.events[0];
        const from = first === undefined ? 0n : BigInt(first.id.split('/')[0] ?? '0');
        const expected = events
          .filter((e) => e.position.commit > from)
          .map((e) => `${e.position.commit}/${e.position.prepare}`);
        t.same(
          live.events.filter((e) => e.event === 'ledger').map((e) => e.id),
          expected,
          'live: every event after the stream opened, once, in order',
        );

        const listed: string[] = [];
        let after: string | null = null;
        do {
          const page = await http.get(`/v1/audit/events?limit=1000${after === null ? '' : `&after=${after}`}`, auditor);
          if (!isAnswer(page) || page.status !== 200) throw new Error(`audit events answered ${page.status}`);
          const body = page.body as { events: Array<{ eventId: string }>; next: string | null };
          listed.push(...body.events.map((e) => e.eventId));
          after = body.next;
        } while (after !== null);
        t.same(
          listed,
          events.map((e) => e.id),
          "audit events: the store's ledger events, each once, in order",
        );

        const replay = await http.post('/v1/audit/replay', {}, auditor);
        const report = isAnswer(replay)
          ? (
              replay.body as {
                replay?: { equal: boolean; eventsReplayed: number; eventsLive: number; differences: unknown[] };
              }
            ).replay
          : undefined;
        t.equal(
          report?.equal,
          true,
          `a full replay gives the same read models: ${JSON.stringify(report?.differences?.slice(0, 3))}`,
        );
        t.equal(report?.eventsLive, events.length);
      },
    );
  },
);
