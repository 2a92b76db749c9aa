// The move to a cluster, rehearsed: an embedded store with the demo data and more is exported, then
// imported into a second, separate embedded store through the official client (the stand-in for the
// cluster); the target holds the same ledger. An import run as `ledger import`, killed half way and
// resumed, gives the same result and appends nothing twice.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { jsonEvent } from '@eventstore/db-client';
import t from 'tap';
import { exportLedger } from '../../src/ops/export.js';
import { openExportSink, readExportLines } from '../../src/ops/files.js';
import { ExportHeader, ExportedEvent } from '../../src/ops/format.js';
import { importLedger } from '../../src/ops/import.js';
import { assertSameLedger, fillLedger, ledgerEvents, ownStore } from './ledgers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = await mkdtemp(path.join(tmpdir(), 'ledger-migration-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

const source = await ownStore(path.join(dir, 'source'));
t.teardown(() => source.close());
await fillLedger(source.store);

const file = path.join(dir, 'ledger.jsonl.gz');
const sink = openExportSink(file);
const header = await exportLedger(source.store, sink.stream, { source: 'embedded store in the test' });
await sink.finish();
const lines = gunzipSync(await readFile(file))
  .toString('utf8')
  .trimEnd()
  .split('\n');

t.test(
  'the export is gzip JSON Lines: a header with the counts and the last checkpoint, then every event',
  async (t) => {
    t.equal((await stat(file)).mode & 0o777, 0o600, 'the file is for its owner only (it holds classified values)');
    const parsed = ExportHeader.parse(JSON.parse(lines[0] ?? ''));
    t.same(parsed, header);
    const events = await ledgerEvents(source.store);
    t.equal(parsed.counts.events, events.length);
    t.equal(lines.length, events.length + 1);
    t.equal(parsed.counts.streams, new Set(events.map((e) => e.streamName)).size);
    t.equal(parsed.counts.checkpoints, 1);
    t.match(parsed.lastCheckpoint, { stream: 'ledger-checkpoints', revision: '0', type: 'CheckpointSigned' });
    const exported = lines.slice(1).map((l) => ExportedEvent.parse(JSON.parse(l)));
    t.same(
      exported.map((e) => e.id),
      events.map((e) => e.id),
      'in log order',
    );
    t.ok(
      exported.some((e) => e.stream.startsWith('idempotency-')),
      'key claims go along (a retried request after the move is still answered from its claim)',
    );
    t.notOk(
      exported.some((e) => e.stream.startsWith('$')),
      'no system stream',
    );
  },
);

t.test('an import into a second store holds the same ledger: events, chains, read models', async (t) => {
  const target = await ownStore(path.join(dir, 'target'));
  t.teardown(() => target.close());
  // A cluster's log holds system events of its own: the target's positions are not the source's.
  await target.client.appendToStream(
    '$ops-test-offset',
    Array.from({ length: 7 }, () => jsonEvent({ type: '$noise', data: {} })),
  );
  const report = await importLedger(target.store, await readExportLines(file));
  t.equal(report.imported, header.counts.events);
  t.equal(report.skipped, 0);
  await assertSameLedger(t, source.store, target.store);
  const [first] = await ledgerEvents(target.store);
  const [sourceFirst] = await ledgerEvents(source.store);
  t.not(first?.position.commit, sourceFirst?.position.commit, 'the target gave the events positions of its own');

  await t.rejects(
    importLedger(target.store, await readExportLines(file)),
    { code: 'import_target_not_empty' },
    'a second import into it is refused',
  );
  const again = await importLedger(target.store, await readExportLines(file), { resume: true });
  t.same([again.imported, again.skipped], [0, header.counts.events], 'resumed after the end, it appends nothing');
  t.equal((await ledgerEvents(target.store)).length, header.counts.events);
});

t.test('a file cut short is refused after what it holds, and says so', async (t) => {
  const target = await ownStore(path.join(dir, 'short'));
  t.teardown(() => target.close());
  async function* cut() {
    yield* lines.slice(0, 11);
  }
  await t.rejects(importLedger(target.store, cut()), { code: 'invalid_export_file', message: /cut short/ });
});

/** Runs `ledger import` against `url`; resolves with its exit code and stderr. */
function ledgerImport(url: string, args: string[], stdinLines?: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', '--url', url, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: path.join(dir, 'cli-data'), LOG_LEVEL: 'warn', ESDB_URL: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.resume();
  if (stdinLines !== undefined) child.stdin.write(`${stdinLines.join('\n')}\n`);
  else child.stdin.end();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

t.test('`ledger import` killed half way and resumed gives the same ledger, nothing appended twice', async (t) => {
  const target = await ownStore(path.join(dir, 'resumed'));
  t.teardown(() => target.close());
  await target.client.appendToStream('$ops-test-offset', [jsonEvent({ type: '$noise', data: {} })]);
  // The first half of the file through a pipe: the importer appends what it has read, then waits for more.
  const half = Math.floor(lines.length / 2);
  const events = lines.slice(1, half).map((l) => ExportedEvent.parse(JSON.parse(l)));
  // The last stream's run is still being gathered into one append when the input pauses.
  let pending = 0;
  const lastStream = events.at(-1)?.stream;
  for (let i = events.length - 1; i >= 0 && events[i]?.stream === lastStream; i -= 1) pending += 1;
  const landed = events.length - pending;
  const run = ledgerImport(target.connectionString, ['--from', '-'], lines.slice(0, half));
  for (;;) {
    const count = (await ledgerEvents(target.store)).length;
    if (count >= landed) break;
    const early = await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve(null), 200))]);
    if (early !== null) t.fail(`the import ended before it was killed: ${JSON.stringify(early)}`);
    if (early !== null) return;
  }
  run.child.kill('SIGKILL');
  const killed = await run.exited;
  t.equal(killed.signal, 'SIGKILL');
  const before = await ledgerEvents(target.store);
  t.equal(before.length, landed, `the killed import left ${landed} of ${header.counts.events} events`);

  const refused = await ledgerImport(target.connectionString, ['--from', file]).exited;
  t.equal(refused.code, 1, 'without --resume the partly filled target is refused');
  t.match(refused.stderr, /already holds ledger events.*--resume/);

  const resumed = await ledgerImport(target.connectionString, ['--from', file, '--resume']).exited;
  t.equal(resumed.code, 0, resumed.stderr);
  t.match(
    resumed.stderr,
    new RegExp(`Imported ${header.counts.events - landed} events \\(${landed} were there already\\)`),
  );
  await assertSameLedger(t, source.store, target.store);
});
