// The stand-alone store (src/embedded/main.ts, also behind `ledger store`): connection string first on
// stdout, serves until SIGINT/SIGTERM, then closes cleanly with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainFile = join(repoRoot, 'src/embedded/main.ts');

function start(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout ?? process.stdin }).once('line', resolve);
    child.once('exit', () => reject(new Error('exited before printing a line')));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit };
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`prints its connection string first and exits 0 on ${signal}`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-standalone-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const run = start(['--data', dir, '--port', '0']);
    t.teardown(() => {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    });
    const line = await run.firstLine;
    t.match(line, /^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    const client = EventStoreDBClient.connectionString(line);
    await client.appendToStream('standalone', jsonEvent({ type: 'Kept', data: {} }));
    await client.dispose();
    run.child.kill(signal);
    t.equal(await run.exit, 0);

    const again = start(['--data', dir, '--port', '0']);
    const reader = EventStoreDBClient.connectionString(await again.firstLine);
    const types: string[] = [];
    for await (const e of reader.readStream('standalone')) types.push(e.event?.type ?? '');
    await reader.dispose();
    again.child.kill('SIGTERM');
    await again.exit;
    t.same(types, ['Kept'], 'the store closed cleanly and kept the event');
  });
}

t.test('refuses to start without --data or --memory, naming the options', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.equal(code, 1);
  t.match(stderr, /--data/);
});
