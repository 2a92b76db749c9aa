// Drill: the data directory's disk is full or read-only, at start and while the ledger writes
// (docs/adr/0027-drills.md: a small tmpfs fills up for real; an ext4 file system on a loop device is
// turned read-only by the kernel under the running ledger). In each case:
// - at start, `ledger serve` exits 1 with one line saying what is wrong with which directory, and starts
//   once the disk is fixed (nothing it left behind stops the next start);
// - during writes, a write that cannot be made durable is answered 503 problem+json `store_unavailable`
//   with Retry-After (never a 500, never a hang), the process stays up, and once there is room again
//   writes succeed without a restart;
// - nothing acknowledged is lost: after a SIGKILL and a restart on the repaired disk, every write
//   answered 201 is in the store with its event ids, and the read side equals a fresh replay.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import t, { type Test } from 'tap';
import { bodies, slug } from '../http/helpers/writes.js';
import {
  httpTo,
  isAnswer,
  problemCode,
  publishedStore,
  readerOf,
  tokensIn,
  type Answer,
  type Http,
  type NoAnswer,
} from './helpers/client.js';
import { ext4Disk, mountsAvailable, tmpfsDisk } from './helpers/disks.js';
import {
  eventually,
  spawnLedger,
  startServe,
  waitForOutput,
  writeCounts,
  type LedgerProcess,
  type ServeProcess,
} from './helpers/processes.js';

const REQUEST_TIMEOUT_MS = 5000;
const env = { RATE_LIMIT_MAX: '1000000', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) };

/** How a process that must not start ended: its exit code, or 'started' (it printed `started` and was killed). */
async function exitUnlessStarted(p: LedgerProcess, started: RegExp): Promise<number | 'started' | null> {
  const startedFirst = waitForOutput(p, started).then(
    () => 'started' as const,
    () => undefined,
  );
  const outcome = await Promise.race([p.exited.then((exit) => exit.code), startedFirst]);
  if (outcome === 'started') await p.kill();
  return outcome ?? null;
}

/**
 * `ledger serve` on `dataDir` that must not start: its exit code and what it printed to stderr, as a person sees it.
 * A ledger that starts after all is stopped again, and says so instead of an exit code.
 */
async function refusedStart(t: Test, dataDir: string): Promise<{ code: number | 'started' | null; stderr: string }> {
  const p = spawnLedger(t, ['serve'], {
    env: { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' },
  });
  return { code: await exitUnlessStarted(p, /listening on/), stderr: p.output() };
}

/** Sends SIGTERM and says whether the ledger closed cleanly (exit 0), with what it printed when it did not. */
async function stopCleanly(t: Test, ledger: ServeProcess, what: string): Promise<void> {
  ledger.signal('SIGTERM');
  const exit = await ledger.exited;
  t.same(exit, { code: 0, signal: null }, what, { output: ledger.output().slice(-4000) });
}

type Sent = { body: unknown; key: string; answer: Answer | NoAnswer };

/**
 * Writers writing new processes with long Thai titles (about 9 kB of UTF-8 each) until `stop()` says so,
 * keeping every request and answer.
 */
function writeUntil(http: Http, token: string, stop: (sent: readonly Sent[]) => boolean, writers = 6): Promise<Sent[]> {
  const sent: Sent[] = [];
  const title = { th: 'ตำแหน่งท่าทีของประเทศไทย'.repeat(120), en: 'Position of Thailand' };
  const writer = async (): Promise<void> => {
    while (!stop(sent)) {
      const body = { ...bodies.process(slug('proc')), title };
      const key = randomUUID();
      const record: Sent = { body, key, answer: { status: 0, error: 'in flight', ms: 0 } };
      sent.push(record);
      record.answer = await http.post('/v1/processes', body, token, {
        key,
        timeoutMs: 3 * REQUEST_TIMEOUT_MS + 10_000,
      });
    }
  };
  return Promise.all(Array.from({ length: writers }, writer)).then(() => sent);
}

/** Stops once the last `n` answers (of writes no longer in flight) were all refusals, or after 5,000 writes. */
const refusedInARow = (n: number) => (sent: readonly Sent[]) => {
  const answered = sent.filter((s) => isAnswer(s.answer) || s.answer.error !== 'in flight');
  return sent.length > 5000 || (answered.length >= n && answered.slice(-n).every((s) => s.answer.status !== 201));
};

function isStoreUnavailable(a: Answer | NoAnswer): boolean {
  return (
    isAnswer(a) &&
    a.status === 503 &&
    /^application\/problem\+json/.test(a.headers.get('content-type') ?? '') &&
    a.headers.get('retry-after') !== null &&
    problemCode(a) === 'store_unavailable'
  );
}

/** After a restart: every write answered 201 is in the store with its event ids; the read side equals a replay. */
async function checkNothingLost(t: Test, dataDir: string, sent: readonly Sent[]): Promise<void> {
  const ledger = await startServe(t, dataDir, { env });
  const http = httpTo(() => ledger.url);
  const reader = readerOf(await publishedStore(dataDir));
  t.teardown(() => reader.close());
  const ids = new Map((await reader.ledgerEvents()).map((e) => [e.id, e.streamName]));
  const acknowledged = sent.filter((s) => s.answer.status === 201);
  const missing = acknowledged.filter((s) => {
    const { eventIds, streamName } = (s.answer as Answer).body as { eventIds: string[]; streamName: string };
    return !eventIds.every((id) => ids.get(id) === streamName);
  });
  t.same(
    missing.map((s) => s.key),
    [],
    `every one of the ${acknowledged.length} acknowledged writes is in the store with its event ids`,
  );
  const auditor = await tokensIn(dataDir)('auditor', 'OAG', 'top-secret');
  await eventually('the read side catches up', async () =>
    (await http.get('/readyz')).status === 200 ? true : undefined,
  );
  const replay = await http.post('/v1/audit/replay', {}, auditor);
  t.equal(
    isAnswer(replay) ? (replay.body as { replay?: { equal?: boolean } }).replay?.equal : undefined,
    true,
    'the read side equals a fresh replay',
  );
  await stopCleanly(t, ledger, 'and closes cleanly');
}

async function drills(): Promise<void> {
  t.test(
    'a read-only data directory at start: `ledger serve` says so in one line and exits 1; once writable it starts',
    async (t) => {
      const disk = await tmpfsDisk(t, '16m');
      const fresh = path.join(disk.dir, 'fresh');
      const used = path.join(disk.dir, 'used');
      await stopCleanly(t, await startServe(t, used, { env }), 'a first ledger ran on it');
      await disk.remount('ro');
      for (const dataDir of [fresh, used]) {
        const { code, stderr } = await refusedStart(t, dataDir);
        t.equal(code, 1, `exit 1 (${dataDir === fresh ? 'a new' : 'an existing'} data directory)`);
        t.match(stderr, /The ledger did not start: .*read-only/, 'the reason, in words');
        t.comment(stderr.trim());
        t.match(stderr, dataDir, 'naming the directory');
        t.notMatch(stderr, /\n\s+at /, 'no stack trace');
      }
      await disk.remount('rw');
      await stopCleanly(t, await startServe(t, used, { env }), 'starts once the disk is writable again');
    },
  );

  t.test(
    'a full disk at start: `ledger serve` says so in one line and exits 1, after a clean stop or a crash; once there is room it starts',
    async (t) => {
      const disk = await tmpfsDisk(t, '16m');
      const fresh = path.join(disk.dir, 'fresh');
      const used = path.join(disk.dir, 'used');
      const crashed = path.join(disk.dir, 'crashed');
      await stopCleanly(t, await startServe(t, used, { env }), 'a first ledger ran on it');
      // Killed, it leaves SQLite's -wal and -shm files behind: a start then needs no new file to open its store.
      await (await startServe(t, crashed, { env })).kill();
      await disk.fill();
      const named = { [fresh]: 'a new', [used]: 'an existing', [crashed]: "a crashed ledger's" };
      for (const dataDir of [fresh, used, crashed]) {
        const { code, stderr } = await refusedStart(t, dataDir);
        t.equal(code, 1, `exit 1 (${named[dataDir]} data directory)`);
        t.match(stderr, /The ledger did not start: .*no space left/i, 'the reason, in words');
        t.comment(stderr.trim());
        t.match(stderr, dataDir, 'naming the directory');
        t.notMatch(stderr, /\n\s+at /, 'no stack trace');
      }
      // The store alone (`ledger store`) on the crashed ledger's files refuses the full disk the same way.
      const store = spawnLedger(t, ['store', '--data', crashed, '--port', '0'], { env: { LOG_LEVEL: 'silent' } });
      t.equal(await exitUnlessStarted(store, /esdb:\/\//), 1, '`ledger store` on the full disk exits 1');
      t.match(store.output(), `${crashed} cannot take a write: ENOSPC`, 'naming its directory and the reason');
      await disk.free();
      for (const dataDir of [fresh, used, crashed]) {
        await stopCleanly(
          t,
          await startServe(t, dataDir, { env }),
          `${named[dataDir]} data directory starts once there is room: nothing left behind stops it`,
        );
      }
    },
  );

  t.test(
    'the disk fills up during writes: 503 store_unavailable, writes resume once there is room, nothing acknowledged lost',
    async (t) => {
      const disk = await tmpfsDisk(t, '12m');
      const dataDir = path.join(disk.dir, 'data');
      const ledger: ServeProcess = await startServe(t, dataDir, { env });
      const http = httpTo(() => ledger.url);
      const desk = await tokensIn(dataDir)('admin', 'MFA', 'top-secret');
      const sent = await writeUntil(http, desk, refusedInARow(30));
      const refused = sent.filter((s) => s.answer.status !== 201);
      t.comment(
        `disk full: ${sent.length} writes, ${sent.length - refused.length} acknowledged, ${refused.length} refused`,
      );
      await writeCounts('disk-full', {
        writes: sent.length,
        acknowledged: sent.length - refused.length,
        refused: refused.length,
      });
      t.ok(sent.length - refused.length > 0, 'writes were acknowledged until the disk was full');
      t.same(
        refused
          .filter((s) => !isStoreUnavailable(s.answer))
          .map((s) => ({ status: s.answer.status, body: isAnswer(s.answer) ? s.answer.body : s.answer.error })),
        [],
        'every refused write: 503 problem+json store_unavailable with Retry-After',
      );
      t.ok(ledger.alive(), 'the ledger stays up', { output: ledger.output().slice(-4000) });

      await disk.remount('size=64m');
      const after = await writeUntil(http, desk, (s) => s.length >= 20, 2);
      t.ok(
        after.slice(-4).every((s) => s.answer.status === 201),
        'once there is room, writes succeed again without a restart',
      );

      await ledger.kill();
      await checkNothingLost(t, dataDir, [...sent, ...after]);
    },
  );

  t.test(
    'the disk turns read-only during writes: 503 store_unavailable, nothing acknowledged lost after repair',
    async (t) => {
      const disk = await ext4Disk(t, 64);
      const dataDir = path.join(disk.dir, 'data');
      const ledger: ServeProcess = await startServe(t, dataDir, { env });
      const http = httpTo(() => ledger.url);
      const desk = await tokensIn(dataDir)('admin', 'MFA', 'top-secret');
      let failed = false;
      const sent = await writeUntil(http, desk, (s) => {
        if (!failed && s.filter((x) => x.answer.status === 201).length >= 30) {
          failed = true;
          void disk.failToReadOnly();
        }
        return refusedInARow(30)(s);
      });
      const refused = sent.filter((s) => s.answer.status !== 201);
      t.comment(
        `read-only: ${sent.length} writes, ${sent.length - refused.length} acknowledged, ${refused.length} refused`,
      );
      await writeCounts('disk-read-only', {
        writes: sent.length,
        acknowledged: sent.length - refused.length,
        refused: refused.length,
      });
      t.same(
        refused
          .filter((s) => !isStoreUnavailable(s.answer))
          .map((s) => ({ status: s.answer.status, body: isAnswer(s.answer) ? s.answer.body : s.answer.error })),
        [],
        'every refused write: 503 problem+json store_unavailable with Retry-After',
      );
      t.ok(ledger.alive(), 'the ledger stays up', { output: ledger.output().slice(-4000) });
      await ledger.kill();
      await disk.repair();
      await checkNothingLost(t, dataDir, sent);
    },
  );
}

const unavailable = await mountsAvailable();
if (unavailable !== undefined) t.plan(0, `skip: disk drills: ${unavailable}`);
else await drills();
