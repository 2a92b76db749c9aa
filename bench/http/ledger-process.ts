// The ledger as its own process, as `npm start` runs it (file mode on its own DATA_DIR): started,
// waited for until /readyz says it is caught up (and, after a restart, warmed), and stopped.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The V8 flags of `npm start` (package.json), so the ledger runs as it does in production. */
const NODE_FLAGS = ['--max-semi-space-size=64'];

export interface LedgerProcess {
  pid: number;
  /** Base URL of the API, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The embedded store's esdb:// address (to fill it through the official client). */
  storeUrl: string;
  stop(): Promise<void>;
}

/** The environment every benchmark ledger runs with: quiet logs, and a rate limit the load never reaches. */
export function ledgerEnv(dataDir: string): NodeJS.ProcessEnv {
  // The embedded store and the token file under DATA_DIR, whatever this shell points elsewhere.
  const { ESDB_URL: _store, TOKEN_STORE: _tokens, ...inherited } = process.env;
  return {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_WINDOW_MS: '1000',
  };
}

/**
 * Spawns `node src/cli/main.ts serve` and resolves once it prints where it listens. `nodeFlags` are added
 * to those of `npm start` (bench/http/profile.ts passes --cpu-prof); `tree` is the source tree to run, this one
 * unless an A/B harness (ab.ts, ab-reads.ts) names another.
 */
export function startLedger(
  dataDir: string,
  nodeFlags: readonly string[] = [],
  tree: string = root,
): Promise<LedgerProcess> {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...nodeFlags, '--import', 'tsx', join(tree, 'src/cli/main.ts'), 'serve'],
    {
      cwd: tree,
      env: ledgerEnv(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the ledger did not start within 10 min; stderr: ${stderr}`));
    }, 600_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const storeUrl = /embedded at (esdb:\/\/\S+?),? data in/.exec(stdout)?.[1];
      if (url === undefined || storeUrl === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      resolve({ pid: child.pid, url, storeUrl, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ledger exited (code ${String(code)}, signal ${String(signal)}); stderr: ${stderr}`));
    });
  });
}

interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; detail?: string; lag?: { caughtUp: boolean } }>;
}

/**
 * Waits until /readyz answers ready and its projector has every ledger event (`lag.caughtUp`: once the
 * first catch-up is done, /readyz stays "ready" while the projector falls behind, as it does during the
 * bulk fill). With `warmed`, also until the read side has folded every issue after a restart (its
 * detail no longer says "warming").
 */
export async function waitReady(url: string, options: { warmed: boolean; timeoutMs?: number }): Promise<void> {
  const until = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let last = '';
  while (Date.now() < until) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response !== undefined) {
      const body = (await response.json()) as Readiness;
      last = JSON.stringify(body.checks);
      const checks = Object.values(body.checks);
      const caughtUp = checks.every((c) => c.lag === undefined || c.lag.caughtUp);
      const warming = checks.some((c) => c.detail?.includes('warming') === true);
      if (body.status === 'ready' && caughtUp && !(options.warmed && warming)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the ledger was not ready in time; last /readyz: ${last}`);
}
