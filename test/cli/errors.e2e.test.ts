// What the `ledger` command prints when it cannot do its job: one line a person can act on, and an exit
// code scripts can test (2 for a bad configuration, 1 otherwise), never a stack trace.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function ledger(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ESDB_URL: '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

t.test('a bad configuration value is named in one line and exits 2', async (t) => {
  const { code, stderr } = await ledger(['seed'], {
    PORT: 'abc',
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ledger-cli-')),
  });
  t.equal(code, 2);
  t.match(stderr, /^ledger: Invalid configuration: PORT: must be a whole number\n$/);
});

t.test(
  'ledger seed and ledger replay beside a running ledger use its store instead of failing with "database is locked"',
  async (t) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-cli-'));
    const running = await startLedger(
      loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
      pino({ level: 'silent' }),
    );
    t.teardown(() => running.close());
    const seed = await ledger(['seed'], { DATA_DIR: dataDir });
    t.equal(seed.code, 0, seed.stderr);
    t.match(seed.stdout, /Demo data: \d+ steps, [1-9]\d* events appended/);
    t.match(seed.stderr, `The store in ${dataDir} is held by a running ledger`, 'it says whose store it used');
    const replay = await ledger(['replay'], { DATA_DIR: dataDir });
    t.equal(replay.code, 0, replay.stderr);
    t.match(replay.stdout, /Positions as of .* from [1-9]\d* events/);
    t.notMatch(`${seed.stderr}${replay.stderr}`, /database is locked/);
  },
);

t.test(
  'when the running ledger cannot be reached, seed and replay say in one line what to do, and exit 1',
  async (t) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-cli-'));
    const running = await startLedger(
      loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
      pino({ level: 'silent' }),
    );
    t.teardown(() => running.close());
    // As if the holder published nothing reachable (an older version, or another tool holding the files).
    await writeFile(path.join(dataDir, 'store-address'), 'esdb://127.0.0.1:1?tls=false\n');
    for (const command of ['seed', 'replay']) {
      const { code, stderr } = await ledger([command], { DATA_DIR: dataDir });
      t.equal(code, 1, command);
      t.match(
        stderr,
        new RegExp(
          `^(ledger: )?The store in ${dataDir} is in use by another process \\(a running ledger\\?\\): stop it, or run this command against the store it serves with ESDB_URL=.*\n$`,
        ),
        `${command}: one line`,
      );
    }
    const viaServer = await ledger(['seed'], { DATA_DIR: dataDir, ESDB_URL: running.storeConnection });
    t.equal(viaServer.code, 0, 'the store the server prints at start can be used as it says');
    t.match(viaServer.stdout, /Demo data: \d+ steps, \d+ events appended/);
  },
);
