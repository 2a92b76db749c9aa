// What the `ledger` command prints when it cannot do its job: one line a person can act on, and an exit
// code scripts can test (2 for a bad configuration, 1 otherwise), never a stack trace.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function ledger(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
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
  const { code, stderr } = await ledger(['seed'], { PORT: 'abc', DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ledger-cli-')) });
  t.equal(code, 2);
  t.match(stderr, /^ledger: Invalid configuration: PORT: must be a whole number\n$/);
});

t.test('seeding a data directory a running ledger holds says the store is in use, in one line, and exits 1', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-cli-'));
  const running = await startLedger(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }), pino({ level: 'silent' }));
  t.teardown(() => running.close());
  const { code, stderr } = await ledger(['seed'], { DATA_DIR: dataDir });
  t.equal(code, 1);
  t.match(stderr, `ledger: Cannot open the store in ${dataDir}`);
  t.notMatch(stderr, /\n\s+at /, 'no stack trace');
  const viaServer = await ledger(['seed'], { DATA_DIR: dataDir, ESDB_URL: running.storeConnection });
  t.equal(viaServer.code, 0, 'the store the server prints at start can be used instead');
  t.match(viaServer.stdout, /Demo data: \d+ steps, \d+ events appended/);
});
