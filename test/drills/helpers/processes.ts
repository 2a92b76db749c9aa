// Real processes for the drills: `ledger serve` (what `npm start` execs) and `ledger store`, each the
// leader of its own process group, so a drill can SIGKILL (or SIGSTOP) the whole group at once, as a
// crash or a frozen machine would, and a test that fails half way leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LedgerProcess {
  readonly pid: number;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  readonly exited: Promise<Exit>;
  /** True until the process has exited. */
  alive(): boolean;
  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to the group, then waits for the exit. */
  kill(): Promise<Exit>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Runs the child under `prlimit` with these resource limits (e.g. `--fsize=1000000`). */
  prlimit?: string[];
}

/** Spawns `node --import tsx src/cli/main.ts <args>` (the `ledger` command) as a process-group leader. */
export function spawnLedger(t: Test, args: readonly string[], options: SpawnOptions = {}): LedgerProcess {
  const node = [process.execPath, '--max-semi-space-size=64', '--import', 'tsx', 'src/cli/main.ts', ...args];
  const [command = process.execPath, ...rest] =
    options.prlimit === undefined ? node : ['prlimit', ...options.prlimit, '--', ...node];
  // ESDB_URL from the test's own environment must not leak into a drill that runs its own store.
  const env: NodeJS.ProcessEnv = { ...process.env, ESDB_URL: '', LOG_FORMAT: 'json', ...options.env };
  const child: ChildProcess = spawn(command, rest, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${args.join(' ')}`);
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  let running = true;
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(([code, signal]) => {
    running = false;
    return { code, signal };
  });
  const signal = (sig: NodeJS.Signals): void => {
    if (!running) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is gone already.
    }
  };
  t.teardown(async () => {
    if (!running) return;
    signal('SIGCONT');
    signal('SIGKILL');
    await exited;
  });
  return {
    pid,
    output: () => text,
    exited,
    alive: () => running,
    signal,
    async kill() {
      signal('SIGKILL');
      return exited;
    },
  };
}

/** Resolves with the first match of `pattern` in the process's output; rejects when it exits first or after `ms`. */
export async function waitForOutput(p: LedgerProcess, pattern: RegExp, ms = 120_000): Promise<RegExpExecArray> {
  const until = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(p.output());
    if (match !== null) return match;
    if (!p.alive()) throw new Error(`the process exited before printing ${pattern}:\n${p.output()}`);
    if (Date.now() > until) throw new Error(`no ${pattern} within ${ms} ms:\n${p.output()}`);
    await sleep(50);
  }
}

export interface ServeProcess extends LedgerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
}

/** `ledger serve` on `dataDir` (PORT=0, LOG_LEVEL=warn, no demo data), once it listens. */
export async function startServe(t: Test, dataDir: string, options: SpawnOptions = {}): Promise<ServeProcess> {
  const p = spawnLedger(t, ['serve'], {
    ...options,
    env: { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...options.env },
  });
  const [, url = ''] = await waitForOutput(p, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { ...p, url };
}

export interface StoreProcess extends LedgerProcess {
  /** esdb://127.0.0.1:<port>?tls=false */
  readonly connectionString: string;
  readonly port: number;
}

/** `ledger store --data <dir> --port <port>`, once it prints its address. */
export async function startStore(t: Test, dataDir: string, port = 0): Promise<StoreProcess> {
  const p = spawnLedger(t, ['store', '--data', dataDir, '--port', String(port)], { env: { LOG_LEVEL: 'warn' } });
  const [connectionString = '', listening = '0'] = await waitForOutput(p, /esdb:\/\/127\.0\.0\.1:(\d+)\?tls=false/);
  return { ...p, connectionString, port: Number(listening) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined; throws after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until)
      throw new Error(`${what}: not within ${ms} ms${last === undefined ? '' : ` (last error: ${String(last)})`}`);
    await sleep(100);
  }
}

/** Writes a drill's counts to artifacts/drills/<name>.json (not committed; CI keeps artifacts/). */
export async function writeCounts(name: string, counts: Record<string, unknown>): Promise<void> {
  const dir = path.join(repoRoot, 'artifacts/drills');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ date: new Date().toISOString(), ...counts }, null, 2)}\n`,
  );
}
