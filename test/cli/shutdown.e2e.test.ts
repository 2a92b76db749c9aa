// `npm start` as a person runs it: one process that owns the port and goes away on SIGTERM/SIGINT,
// leaving the port free and nothing behind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

for (const [signal, seedDemo] of [
  ['SIGTERM', true],
  ['SIGINT', false],
] as const) {
  t.test(
    `npm start${seedDemo ? ' (loading the demo data quietly)' : ''} closes cleanly on ${signal}: exit 0, the port is free and no process is left`,
    async (t) => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-shutdown-'));
      const child = spawn('npm', ['start', '--silent'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          PORT: '0',
          SEED_DEMO: String(seedDemo),
          LOG_LEVEL: 'info',
          ESDB_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      t.teardown(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

      const listening = await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(output), 120_000);
      t.ok(listening, 'the ledger says where it listens', { output });
      const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      const pids = new Set([...output.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1])));
      t.equal(pids.size, 1, 'every log line comes from one process');
      const serverPid = [...pids][0] ?? -1;
      t.ok(await portAccepts(port), 'the API port accepts connections');
      // The lines after the listening one may arrive in a later chunk of the pipe.
      const hint = `DATA_DIR=${dataDir} npm run ledger -- token create`;
      await waitFor(() => output.includes(hint), 10_000);
      t.match(output, hint, 'the token hint names the data directory this server reads tokens from');
      if (seedDemo) {
        t.match(output, /Loaded the demo data: \d+ events/, 'says the demo data was loaded');
        t.notMatch(
          output,
          /"msg":"events appended"/,
          'without one log line per demo event burying the start-up message',
        );
      }

      child.kill(signal);
      const [code] = await exited;
      t.equal(code, 0, `npm start exits 0 after ${signal}`);
      t.match(output, /"msg":"closing"/, 'the ledger logged that it is closing');
      t.match(output, /"msg":"embedded store closed"/, 'the embedded store was closed');
      t.match(output, /"msg":"closed"/, 'the close finished');
      t.ok(await waitFor(() => !isAlive(serverPid), 5_000), `the process that served (pid ${serverPid}) is gone`);
      t.notOk(await portAccepts(port), 'nothing listens on the port any more');
    },
  );
}

t.test('npm start on a port that is taken says so in one line, exits 1 and leaves nothing running', async (t) => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const address = blocker.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-shutdown-'));
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ESDB_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  t.teardown(() => clearTimeout(timer));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = await exited;
  t.equal(signal, null, 'the process ended by itself (nothing kept it alive)');
  t.equal(code, 1);
  t.match(stderr, `The ledger did not start: 127.0.0.1:${port} is already in use`);
  t.notMatch(stderr, /\n\s+at /, 'no stack trace for a person to decipher');
});
