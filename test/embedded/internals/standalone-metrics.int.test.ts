// `ledger store --metrics-port` (src/embedded/main.ts): the store run alone serves its own metrics, the
// fsync latency of its commits, as Prometheus text (ADR 0037); the ledger in front of it cannot see them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainFile = join(repoRoot, 'src/embedded/main.ts');

t.test('the store run alone serves its fsync latency on --metrics-port', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-standalone-metrics-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', mainFile, '--data', dir, '--port', '0', '--metrics-port', '0'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const metricsUrl = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const match = /"url":"([^"]+)".*store metrics listening/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error('exited before serving its metrics')));
  });
  const connection = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  t.match(connection, /^esdb:\/\//, 'the connection string is still the first line on stdout');
  const client = EventStoreDBClient.connectionString(connection);
  await client.appendToStream('standalone-metrics', jsonEvent({ type: 'Kept', data: {} }));
  await client.dispose();

  const res = await fetch(await metricsUrl);
  t.equal(res.status, 200);
  const text = await res.text();
  const count = /^ledger_store_fsync_duration_seconds_count (\d+)$/m.exec(text);
  t.ok(Number(count?.[1] ?? 0) >= 1, 'the append was fsynced, and timed');
  t.match(text, /^ledger_store_commit_batch_writes_count \d+$/m);
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'closes cleanly, metrics listener included');
});
