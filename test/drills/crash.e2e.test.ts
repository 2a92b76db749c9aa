// Drill: the ledger crashes under load. `ledger serve` (what `npm start` execs) runs on its embedded store
// as a process group of its own; 100 concurrent writers write to it (new processes and issues, views on
// a few shared consultations, new consultations) until the whole group is killed with SIGKILL at a random
// moment; it is started again on the same DATA_DIR; 3 rounds. After each restart:
// - every write answered 201 is in the store: the same event ids, in the stream and at the revision
//   answered (acknowledged means durable);
// - a write that got no answer (in flight at the kill) is in the store whole or not at all: as many events
//   carry its Idempotency-Key as the command writes, or none (nothing half-written); sent again with its
//   key it is answered 201 and is then in the store exactly once;
// - every stream's hash chain is intact, no event id is there twice;
// - the read side (restored from its index file's checkpoint) catches up and a full replay from the
//   store gives the same read models, over the same number of events.
// CRASH_ROUNDS and CRASH_WRITERS make it longer (`npm run fuzz` runs 20 rounds). The counts are printed
// and written to artifacts/drills/crash.json.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { checkLink } from '../../src/store/chain.js';
import type { StoredEvent } from '../../src/store/adapter.js';
import { bodies, slug } from '../http/helpers/writes.js';
import {
  httpTo,
  isAnswer,
  mustWrite,
  publishedStore,
  readerOf,
  tokensIn,
  type Answer,
  type NoAnswer,
} from './helpers/client.js';
import { eventually, sleep, startServe, writeCounts, type ServeProcess } from './helpers/processes.js';

const ROUNDS = Number(process.env['CRASH_ROUNDS'] ?? 3);
const WRITERS = Number(process.env['CRASH_WRITERS'] ?? 100);
/** The kill comes at a random moment this long after the round's first acknowledged write. */
const KILL_AFTER_MS = { min: 0, max: 2000 };

interface Write {
  round: number;
  url: string;
  body: unknown;
  key: string;
  token: string;
  answer: Answer | NoAnswer;
}

interface Written {
  eventIds: string[];
  streamName: string;
  revision: string;
}

const writtenOf = (a: Answer): Written => a.body as Written;

t.test(
  `the ledger killed with SIGKILL under ${WRITERS} concurrent writers, ${ROUNDS} rounds: every acknowledged write survives, nothing is half-written, the read side rebuilds the same`,
  async (t) => {
    const drill = t;
    const dir = await mkdtemp(path.join(tmpdir(), 'ledger-drill-crash-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    // The drill is not about rate limits: 100 writers under one principal write far more than people would.
    const env = { RATE_LIMIT_MAX: '1000000' };
    let ledger: ServeProcess = await startServe(t, dataDir, { env });
    const http = httpTo(() => ledger.url);
    const tokenFor = tokensIn(dataDir);
    const desk = await tokenFor('admin', 'MFA', 'top-secret');
    const officers = await Promise.all(
      (['OAG', 'RTP', 'NCSA'] as const).map(async (agency) => ({
        agency,
        token: await tokenFor('agency-officer', agency),
      })),
    );
    const auditor = await tokenFor('auditor', 'OAG', 'top-secret');

    const processId = slug('proc');
    await mustWrite(http, '/v1/processes', bodies.process(processId), desk);
    const issueId = slug('issue');
    await mustWrite(http, '/v1/issues', bodies.issue(issueId, processId), desk);
    const consultations: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const consultationId = randomUUID();
      await mustWrite(http, '/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, desk);
      consultations.push(consultationId);
    }

    /** One request of the mix: what writer `n` sends as its `i`-th write. */
    const request = (n: number, i: number): { url: string; body: unknown; token: string } => {
      const officer = officers[(n + i) % officers.length] ?? { agency: 'OAG' as const, token: desk };
      switch ((n + i) % 4) {
        case 0:
          return {
            url: `/v1/consultations/${consultations[(n * 7 + i) % consultations.length] ?? ''}/views`,
            body: bodies.view(issueId, officer.agency),
            token: officer.token,
          };
        case 1:
          return { url: '/v1/processes', body: bodies.process(slug('proc')), token: desk };
        case 2:
          return { url: '/v1/issues', body: bodies.issue(slug('issue'), processId), token: desk };
        default:
          return {
            url: '/v1/consultations',
            body: { consultationId: randomUUID(), ...bodies.consultation('MFA', issueId) },
            token: desk,
          };
      }
    };

    const writes: Write[] = [];
    const counts = {
      rounds: 0,
      writes: 0,
      acknowledged: 0,
      acknowledgedFound: 0,
      unanswered: 0,
      unansweredLanded: 0,
      unansweredAbsent: 0,
      halfWritten: 0,
      storeEvents: 0,
      killAfterMs: [] as number[],
    };

    for (let round = 1; round <= ROUNDS; round += 1) {
      await t.test(
        `round ${round}: killed mid-write, restarted, nothing acknowledged lost, nothing half-written`,
        async (t) => {
          let writing = true;
          const writer = async (n: number): Promise<void> => {
            for (let i = 0; writing; i += 1) {
              const { url, body, token } = request(n, i);
              const key = randomUUID();
              const write: Write = { round, url, body, key, token, answer: { status: 0, error: 'in flight', ms: 0 } };
              writes.push(write);
              write.answer = await http.post(url, body, token, { key, timeoutMs: 30_000 });
              if (!isAnswer(write.answer)) return; // the server is gone
            }
          };
          const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));
          // A random moment once writes are being acknowledged (however slow the machine is today).
          await eventually('the first write of the round is acknowledged', async () =>
            writes.some((w) => w.round === round && w.answer.status === 201) ? true : undefined,
          );
          const killAfter = KILL_AFTER_MS.min + Math.floor(Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
          counts.killAfterMs.push(killAfter);
          await sleep(killAfter);
          const exit = await ledger.kill();
          writing = false;
          await Promise.all(writers);
          t.equal(exit.signal, 'SIGKILL', `killed ${killAfter} ms after the first acknowledged write`);

          const mine = writes.filter((w) => w.round === round);
          const other = mine.filter((w) => w.answer.status !== 201 && w.answer.status !== 0);
          t.same(
            other.map((w) => ({
              url: w.url,
              status: w.answer.status,
              body: isAnswer(w.answer) ? w.answer.body : undefined,
            })),
            [],
            'before the kill, every write was answered 201',
          );

          ledger = await startServe(drill, dataDir, { env });
          const reader = readerOf(await publishedStore(dataDir));
          t.teardown(() => reader.close());
          let events = await reader.entries();
          const byId = new Map(events.map((e) => [e.id, e]));
          const byKey = groupBy(events, (e) =>
            typeof e.metadata['idempotencyKey'] === 'string' ? e.metadata['idempotencyKey'] : '',
          );

          for (const w of mine) {
            if (w.answer.status === 201 && isAnswer(w.answer)) {
              const { eventIds, streamName, revision } = writtenOf(w.answer);
              const stored = eventIds.map((id) => byId.get(id));
              if (stored.every((e) => e?.streamName === streamName) && stored.at(-1)?.revision.toString() === revision)
                counts.acknowledgedFound += 1;
              else
                t.fail(`acknowledged write ${w.url} (key ${w.key}) is not in the store as answered`, {
                  eventIds,
                  streamName,
                  revision,
                });
            }
          }
          const acknowledged = mine.filter((w) => w.answer.status === 201).length;
          counts.acknowledged += acknowledged;
          t.ok(acknowledged > 0, `${acknowledged} writes acknowledged before the kill, all found`);

          const unanswered = mine.filter((w) => w.answer.status === 0);
          counts.unanswered += unanswered.length;
          for (const w of unanswered) {
            const landed = byKey.get(w.key) ?? [];
            // Every command of the mix writes one event; a half-written write would show fewer than all.
            if (landed.length > 1) {
              counts.halfWritten += 1;
              t.fail(`unanswered write ${w.url} (key ${w.key}) has ${landed.length} events`);
            }
            if (landed.length === 0) counts.unansweredAbsent += 1;
            else counts.unansweredLanded += 1;
          }
          // Sent again with their keys: each is answered 201, and a write that had landed is answered with its events.
          await Promise.all(
            unanswered.map(async (w) => {
              const before = (byKey.get(w.key) ?? []).map((e) => e.id);
              const again = await http.post(w.url, w.body, w.token, { key: w.key });
              if (again.status !== 201 || !isAnswer(again))
                return t.fail(`retry of ${w.url} (key ${w.key}) answered ${again.status}`, {
                  body: isAnswer(again) ? again.body : again.error,
                });
              if (before.length > 0)
                t.same(
                  writtenOf(again).eventIds,
                  before,
                  'a write that had landed is answered with its events, not written again',
                );
              w.answer = again;
            }),
          );

          events = await reader.entries();
          counts.storeEvents = events.length;
          t.equal(new Set(events.map((e) => e.id)).size, events.length, 'no event id twice in the store');
          for (const w of unanswered) {
            const ids = events.filter((e) => e.metadata['idempotencyKey'] === w.key).map((e) => e.id);
            if (!isAnswer(w.answer) || JSON.stringify(ids) !== JSON.stringify(writtenOf(w.answer).eventIds))
              t.fail(`key ${w.key}: store holds ${JSON.stringify(ids)}`);
          }
          t.same(brokenChains(events), [], "every stream's hash chain is intact");

          // The read side restored its index from the checkpoint it had flushed: it catches up, and a replay
          // of the whole store gives the same read models.
          await eventually('the read side catches up', async () =>
            (await http.get('/readyz')).status === 200 ? true : undefined,
          );
          const replay = await http.post('/v1/audit/replay', {}, auditor);
          const report = isAnswer(replay)
            ? (
                replay.body as {
                  replay?: {
                    equal: boolean;
                    eventsReplayed: number;
                    eventsLive: number;
                    rejected: number;
                    differences: unknown[];
                  };
                }
              ).replay
            : undefined;
          t.equal(
            report?.equal,
            true,
            `the live read models equal a fresh replay: ${JSON.stringify(report?.differences?.slice(0, 3))}`,
          );
          t.equal(report?.rejected, 0, 'every event parses (none torn)');
          t.equal(report?.eventsLive, events.length, 'the read side holds every ledger event of the store');
          t.equal(report?.eventsReplayed, events.length);
          counts.rounds += 1;
        },
      );
    }

    counts.writes = writes.length;
    t.equal(counts.halfWritten, 0, 'nothing half-written');
    t.equal(counts.acknowledgedFound, counts.acknowledged, 'every acknowledged write found');
    t.comment(`crash drill: ${JSON.stringify(counts)}`);
    await writeCounts('crash', { writers: WRITERS, ...counts });
    ledger.signal('SIGTERM');
    t.equal((await ledger.exited).code, 0, 'the last ledger closes cleanly on SIGTERM');
    const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true });
    t.same(
      db.pragma('integrity_check', { simple: false }),
      [{ integrity_check: 'ok' }],
      "the store file passes SQLite's integrity check",
    );
    db.close();
  },
);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/** Streams whose events do not each link to the one before (prev, hash over the content), with the reason. */
function brokenChains(events: readonly StoredEvent[]): string[] {
  const heads = new Map<string, string | null>();
  const broken: string[] = [];
  for (const e of events) {
    const head = heads.get(e.streamName) ?? null;
    const link = checkLink(head, e.type, e.data, e.metadata);
    if (!link.ok) broken.push(`${e.streamName}@${e.revision}: ${link.reason}`);
    heads.set(e.streamName, typeof e.metadata['hash'] === 'string' ? e.metadata['hash'] : null);
  }
  return broken;
}
