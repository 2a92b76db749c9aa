// Tamper drills for `ledger verify` (issue 12 §4, ADR 0035): a ledger with the demo data and signed
// checkpoints is stopped, copies of its store file (DATA_DIR/events.sqlite) are edited with plain SQL,
// and the real `ledger verify` runs on each. Each edit exits 1 naming the first break, never with a
// stack trace; the untouched ledger exits 0. The operator's own rewrite, re-signed with a new key,
// passes without an outside anchor and is caught by the checkpoint an auditor kept (--trusted).
// The copies are made first and verified a few at a time (each run is a process starting a store).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config.js';
import { CHECKPOINT_STREAM, isLeafEvent } from '../../src/integrity/checkpoint-stream.js';
import { startLedger } from '../../src/boot/server.js';
import { httpTo, mustWrite, readerOf } from './helpers/client.js';
import { eventually, repoRoot, sleep } from './helpers/processes.js';
import { openStoreFile, rewriteHistory, type Row, type StoreFile } from './helpers/tamper.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface BreakJson {
  kind: string;
  stream: string | null;
  revision: string | null;
  what: string;
}

interface Report {
  ok: boolean;
  checkpoints: { count: number; met: number };
  firstBreak: BreakJson | null;
  breaks: BreakJson[];
}

function ledgerCli(dataDir: string, args: readonly string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ESDB_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return (once(child, 'exit') as Promise<[number | null]>).then(([code]) => ({ code, stdout, stderr }));
}

const STACK = /\n\s+at .+:\d+:\d+/;
const sizeOf = (note: unknown): number => Number(/^[^\n]*\n(\d+)\n/.exec(String(note))?.[1] ?? Number.NaN);
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Nine ledger processes and a server on a shared machine: more than the default five minutes when it is busy.
t.setTimeout(900_000);

const root = await mkdtemp(path.join(tmpdir(), 'ledger-tamper-'));
t.teardown(() => rm(root, { recursive: true, force: true }));
const pristine = path.join(root, 'pristine');
const kept = path.join(root, 'kept.checkpoint');

/** The ledger: demo data, then a few more issues a second apart so several checkpoints are signed; a
 * checkpoint exported for the auditor while it runs; then stopped once a checkpoint covers every event. */
async function buildLedger(): Promise<void> {
  const ledger = await startLedger(
    loadConfig({
      DATA_DIR: pristine,
      PORT: '0',
      LOG_LEVEL: 'silent',
      CHECKPOINT_EVERY_EVENTS: '1000',
      CHECKPOINT_EVERY_SECONDS: '1',
    }),
    pino({ level: 'silent' }),
  );
  const reader = readerOf(ledger.storeConnection);
  try {
    const mfa = (
      await ledger.tokens.create({ id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' })
    ).token;
    const http = httpTo(() => ledger.url);
    for (let i = 1; i <= 3; i += 1) {
      await sleep(1_100);
      await mustWrite(
        http,
        '/v1/issues',
        {
          issueId: `tamper-drill-${i}`,
          processId: 'ahc',
          code: `ART-9${i}`,
          title: { th: `ประเด็น ${i}`, en: `Issue ${i}` },
        },
        mfa,
      );
    }
    await eventually(
      'a checkpoint covers every ledger event',
      async () => {
        const events = await reader.ledgerEvents();
        const checkpoints = events.filter((e) => e.streamName === CHECKPOINT_STREAM);
        const last = checkpoints.at(-1)?.data as { note?: unknown } | undefined;
        return checkpoints.length >= 2 && sizeOf(last?.note) === events.filter(isLeafEvent).length ? true : undefined;
      },
      120_000,
    );
    const exported = await ledgerCli(pristine, ['checkpoint', 'export']);
    if (exported.code !== 0) throw new Error(`checkpoint export failed: ${exported.stderr}`);
    await writeFile(kept, exported.stdout);
  } finally {
    await reader.close();
    await ledger.close();
  }
}

let copies = 0;
/** A copy of the stopped ledger, edited by `edit`. */
async function tampered(edit: (file: StoreFile, dataDir: string) => void): Promise<string> {
  const dataDir = path.join(root, `drill-${(copies += 1)}`);
  await cp(pristine, dataDir, { recursive: true });
  const file = openStoreFile(dataDir);
  try {
    edit(file, dataDir);
  } finally {
    file.close();
  }
  return dataDir;
}

/** The `ledger-checkpoints` rows' tree sizes. */
const checkpointSizes = (file: StoreFile): number[] =>
  file
    .rows()
    .filter((r) => r.stream === CHECKPOINT_STREAM)
    .map((r) => sizeOf(r.data['note']));

/** A ledger stream with at least `n` events. */
function streamWith(file: StoreFile, prefix: string, n: number): Row[] {
  const byStream = new Map<string, Row[]>();
  for (const r of file.leaves())
    if (r.stream.startsWith(prefix)) byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), r]);
  const found = [...byStream.values()].find((rows) => rows.length >= n);
  if (found === undefined) throw new Error(`no ${prefix} stream with ${n} events`);
  return found;
}

interface Drill {
  readonly dataDir: string;
  /** What was changed, for the assertions. */
  readonly target?: Row;
  readonly runs: Record<string, Promise<Run>>;
}

/** Runs the CLI `jobs` at a time. */
function limiter(jobs: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (dataDir: string, args: readonly string[]): Promise<Run> => {
    if (running >= jobs) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await ledgerCli(dataDir, args);
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
const cli = limiter(3);

const drills = new Map<string, Drill>();
async function prepare(
  name: string,
  edit: (file: StoreFile, dataDir: string) => Row | void,
  runs: Record<string, readonly string[]>,
): Promise<void> {
  let target: Row | undefined;
  const dataDir = await tampered((file, dir) => {
    target = edit(file, dir) ?? undefined;
  });
  drills.set(name, { dataDir, runs: oneAfterAnother(dataDir, runs), ...(target === undefined ? {} : { target }) });
}

/** The runs on one data directory, one after another: a second would find the store in use by the first. */
function oneAfterAnother(dataDir: string, runs: Record<string, readonly string[]>): Record<string, Promise<Run>> {
  let previous: Promise<unknown> = Promise.resolve();
  return Object.fromEntries(
    Object.entries(runs).map(([k, args]) => {
      const run = previous.then(() => cli(dataDir, args));
      previous = run;
      return [k, run];
    }),
  );
}

t.before(async () => {
  const started = Date.now();
  await buildLedger();
  t.comment(`ledger with demo data and checkpoints built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const json = ['verify', '--json'];
  const trusted = ['verify', '--json', '--trusted', kept];
  await prepare('untouched', () => undefined, { text: ['verify'], trusted });
  await prepare(
    'data',
    (file) => {
      const target = streamWith(file, 'position-', 3)[1] as Row;
      file.setData(target, { ...target.data, summary: { th: 'แก้ไข', en: 'altered after the fact' } });
      return target;
    },
    { text: ['verify'], json },
  );
  await prepare(
    'metadata',
    (file) => {
      const target = streamWith(file, 'consultation-', 3)[2] as Row;
      file.setMetadata(target, { ...target.metadata, occurredAt: '2020-01-01T00:00:00.000+07:00' });
      return target;
    },
    { json },
  );
  await prepare(
    'deleted',
    (file) => {
      const target = streamWith(file, 'position-', 4)[1] as Row;
      file.remove([target]);
      return target;
    },
    { json },
  );
  await prepare(
    'stream',
    (file) => {
      const rows = streamWith(file, 'issue-', 2);
      file.remove(rows);
      return rows[0];
    },
    { text: ['verify'], json },
  );
  await prepare('tail', (file) => file.remove(file.leaves().slice(-2)), { json });
  await prepare(
    'tail-and-checkpoints',
    (file) => {
      file.remove(file.leaves().slice(-2));
      const leaves = file.leaves().length;
      file.remove(file.rows().filter((r) => r.stream === CHECKPOINT_STREAM && sizeOf(r.data['note']) > leaves));
      if (checkpointSizes(file).length === 0) throw new Error('no checkpoint left to hold');
    },
    { json, trusted },
  );
  await prepare(
    'swapped',
    (file) => {
      const leaves = file.leaves();
      const first = Math.min(...checkpointSizes(file)) - 1; // within the first checkpoint
      const i = leaves.findIndex((r, k) => k >= first - 10 && k < first && leaves[k + 1]?.stream !== r.stream);
      const [a, b] = [leaves[i], leaves[i + 1]];
      if (a === undefined || b === undefined) throw new Error('no neighbours of different streams');
      file.swap(a, b);
      return a;
    },
    { json },
  );
  // The operator's rewrite: one event changed, its stream chained again, the tree rebuilt, every
  // checkpoint signed again with a new key that replaces the key file.
  let rewritten: Row | undefined;
  const dataDir = await tampered(() => undefined);
  rewriteHistory(
    dataDir,
    path.join(dataDir, 'checkpoint-signing.key'),
    (leaves) =>
      (rewritten = leaves.find((r) => r.stream.startsWith('position-') && r.revision === 1) ?? (leaves[0] as Row)),
    (data) => ({ ...data, summary: { th: 'เขียนใหม่', en: 'rewritten by the operator' } }),
  );
  drills.set('rewritten', {
    dataDir,
    ...(rewritten === undefined ? {} : { target: rewritten }),
    runs: oneAfterAnother(dataDir, { json, text: ['verify', '--trusted', kept], trusted }),
  });
});

async function outcome(
  t: Test,
  name: string,
  run: string,
): Promise<{ run: Run; report: Report | null; target: Row | undefined }> {
  const drill = drills.get(name);
  const pending = drill?.runs[run];
  if (drill === undefined || pending === undefined) throw new Error(`no ${name}/${run}`);
  const done = await pending;
  t.notMatch(done.stderr, STACK, `${name}: no stack trace`);
  t.ok(done.code === 0 || done.code === 1, `${name}: exit ${String(done.code)} ${done.stderr}`);
  let report: Report | null = null;
  if (run !== 'text') {
    t.match(done.stdout, /^\{/, `${name}: a JSON report (stderr: ${done.stderr})`);
    report = JSON.parse(done.stdout) as Report;
    t.equal(done.code, report.ok ? 0 : 1, 'the exit code says what the report says');
  }
  return { run: done, report, target: drill.target };
}

t.test('the untouched ledger verifies, with its own key and against the kept checkpoint', async (t) => {
  const { run } = await outcome(t, 'untouched', 'text');
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /^Ledger verified: \d+ events in \d+ streams, every chain whole\.\n/);
  t.match(run.stdout, /Checkpoints: (\d+) of the ledger's \1 met by the tree/);
  t.match(run.stdout, /prove nothing against whoever runs the ledger/, "it says what the ledger's own key proves");
  const { report } = await outcome(t, 'untouched', 'trusted');
  t.match(report, { ok: true, firstBreak: null, breaks: [] });
  t.ok(
    (report?.checkpoints.count ?? 0) >= 2 && report?.checkpoints.met === report?.checkpoints.count,
    'every checkpoint met',
  );
});

t.test("an event's data edited in the store file is named by its stream and revision", async (t) => {
  const { run, target } = await outcome(t, 'data', 'text');
  t.equal(run.code, 1);
  t.match(run.stdout, `First break: stream ${target?.stream}, revision ${target?.revision} (event ${target?.id}`);
  t.match(run.stdout, /hash does not match the content/);
  const { report } = await outcome(t, 'data', 'json');
  t.match(report?.firstBreak, { kind: 'chain_link', stream: target?.stream, revision: String(target?.revision) });
  t.ok(
    report?.breaks.some((b) => b.kind === 'checkpoint_root'),
    'and the checkpoints after it no longer hold',
  );
});

t.test("an event's metadata edited is named by its stream and revision", async (t) => {
  const { report, target } = await outcome(t, 'metadata', 'json');
  t.match(report, {
    ok: false,
    firstBreak: {
      kind: 'chain_link',
      stream: target?.stream,
      revision: String(target?.revision),
      what: /hash does not match/,
    },
  });
});

t.test('one event deleted is a gap in its stream, named at the event after it', async (t) => {
  const { report, target } = await outcome(t, 'deleted', 'json');
  t.match(report, {
    ok: false,
    firstBreak: {
      kind: 'revision_gap',
      stream: target?.stream,
      revision: String((target?.revision ?? 0) + 1),
      what: `revision ${target?.revision} is missing`,
    },
  });
});

t.test(
  'a whole stream deleted leaves every chain whole and is named by the first checkpoint that no longer holds',
  async (t) => {
    const { report } = await outcome(t, 'stream', 'json');
    t.notOk(
      report?.breaks.some((b) => b.kind === 'chain_link' || b.kind === 'revision_gap'),
      'no chain shows it',
    );
    t.match(report, {
      ok: false,
      firstBreak: {
        kind: 'checkpoint_root',
        stream: CHECKPOINT_STREAM,
        what: /has another root than the tree of the ledger's first \d+ events/,
      },
    });
    const { run } = await outcome(t, 'stream', 'text');
    t.equal(run.code, 1);
    t.match(
      run.stdout,
      /^Ledger verification FAILED: \d+ breaks?\.\nFirst break: stream ledger-checkpoints, revision 0 \(event [^)]+\): checkpoint ledger-checkpoints@0 \(tree size \d+, signed [^)]+\) has another root/,
    );
  },
);

t.test('the last events dropped are beyond the ledger for the checkpoints that covered them', async (t) => {
  const { report } = await outcome(t, 'tail', 'json');
  t.match(report, {
    ok: false,
    firstBreak: {
      kind: 'checkpoint_beyond_ledger',
      stream: CHECKPOINT_STREAM,
      what: /covers (\d+) events, the ledger holds \d+/,
    },
  });
});

t.test(
  'the last events dropped with the checkpoints that covered them pass, unless a checkpoint was kept outside',
  async (t) => {
    const { report: unanchored } = await outcome(t, 'tail-and-checkpoints', 'json');
    t.equal(unanchored?.ok, true, "with only the ledger's own checkpoints a dropped tail does not show (ADR 0035)");
    const { report: anchored } = await outcome(t, 'tail-and-checkpoints', 'trusted');
    t.match(anchored, {
      ok: false,
      firstBreak: {
        kind: 'checkpoint_beyond_ledger',
        stream: null,
        what: new RegExp(`^trusted checkpoint ${escaped(kept)} .*covers \\d+ events, the ledger holds \\d+`),
      },
    });
  },
);

t.test('two events of different streams swapped in $all are caught by the tree, not by any chain', async (t) => {
  const { report } = await outcome(t, 'swapped', 'json');
  t.notOk(report?.breaks.some((b) => b.kind === 'chain_link' || b.kind === 'revision_gap'));
  t.match(report, { ok: false, firstBreak: { kind: 'checkpoint_root', stream: CHECKPOINT_STREAM } });
});

t.test(
  'a history rewritten and its checkpoints re-signed with another key is caught only with --trusted',
  async (t) => {
    const { report: own } = await outcome(t, 'rewritten', 'json');
    t.equal(own?.ok, true, "the rewrite holds every chain and every checkpoint under the operator's new key");
    const { run } = await outcome(t, 'rewritten', 'text');
    t.equal(run.code, 1);
    t.match(
      run.stdout,
      /First break: stream ledger-checkpoints, revision 0 \(event [^)]+\): checkpoint ledger-checkpoints@0: not signed by an accepted key \(position-ledger key [0-9a-f]{8}\): signed by position-ledger key [0-9a-f]{8}\n/,
    );
    t.match(
      run.stdout,
      new RegExp(
        `then checkpoint_root: outside the ledger: trusted checkpoint ${escaped(kept)} \\(tree size \\d+, signed [^)]+\\) has another root than the tree of the ledger's first \\d+ events`,
      ),
    );
    t.match(run.stdout, new RegExp(`Trusted checkpoint ${escaped(kept)} \\(\\d+ events, signed [^)]+\\): NOT met\\.`));
    const { report } = await outcome(t, 'rewritten', 'trusted');
    t.ok(
      report?.breaks.some((b) => b.kind === 'checkpoint_signature' && b.stream === CHECKPOINT_STREAM),
      "the ledger's checkpoints are not signed by the kept key",
    );
  },
);
