// `ledger serve` (what `npm start` runs): reads the configuration from the environment, starts the
// ledger (src/boot/server.ts), tells the person at the terminal how to get a token, and closes everything
// on SIGINT/SIGTERM.
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config.js';
import { processLogger } from '../logger.js';
import { complain, say } from '../terminal.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the API (and the embedded event store unless ESDB_URL is set)')
    .action(async () => {
      let config;
      try {
        config = loadConfig(process.env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        complain(err.message);
        for (const p of err.problems) complain(`  ${p.variable}: ${p.message}`);
        process.exitCode = 2;
        return;
      }
      const logger = processLogger(config.logLevel, config.logFormat);
      // Loaded here, not at the top: the other commands do without Fastify and the read side (ADR 0079).
      const { startLedger } = await import('../../boot/server.js');
      let running;
      try {
        running = await startLedger(config, logger);
      } catch (err) {
        // startLedger has closed whatever it had opened; say what went wrong in one line.
        logger.fatal({ err }, 'the ledger did not start');
        complain(`The ledger did not start: ${startFailure(err, config)}`);
        process.exitCode = 1;
        return;
      }

      const tokens = await running.tokens.list();
      say('');
      say(`Position Ledger is listening on ${running.url}  (API reference: ${running.url}/docs)`);
      say(`Workspace: ${running.url}/  (sign in with a token from \`ledger token create\`)`);
      say(
        `Event store: ${running.embeddedStore ? `embedded at ${running.storeConnection}, data in ${config.dataDir}` : running.storeConnection}`,
      );
      say(`Metrics: ${running.metricsUrl ?? `${running.url}/metrics (an auditor's or admin's token)`}`);
      if (running.seeded !== undefined) {
        say(`Loaded the demo data: ${running.seeded.appended} events from ${running.seeded.steps} steps.`);
      }
      if (tokens.every((t) => t.revokedAt !== undefined)) {
        // `ledger token` must use the same token file as this server: repeat the variables that moved it.
        const env = tokenStoreEnv(process.env, config);
        const create = `${env}npm run ledger -- token create`;
        say('');
        say('No API token yet. Create one (it is printed once), for example:');
        say(`  ${create} --agency MFA --role negotiator --role approver --clearance secret --name "MFA desk"`);
        say(`  ${create} --agency OAG --role agency-officer --name "OAG desk"`);
        say(
          `  ${create} --agency OAG --role auditor --clearance top-secret --name "OAG auditor"   (reads /v1/audit/events)`,
        );
        say(
          `Then: curl -H "Authorization: Bearer <token>" ${running.url}/v1/positions   (every route, with example bodies: ${running.url}/docs)`,
        );
      }
      say('');

      // One process holds everything (npm start execs node directly, no watcher or child in
      // between), so a signal reaches the process that owns the port. A terminal's Ctrl-C may arrive
      // twice (once from the terminal, once forwarded by npm): only the first one starts the close,
      // the timer below ends a close that hangs.
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'closing');
        const timer = setTimeout(() => {
          logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'graceful close timed out');
          process.exit(1);
        }, config.shutdownTimeoutMs);
        timer.unref();
        running.close().then(
          () => {
            logger.info('closed');
            process.exitCode = 0;
          },
          (err: unknown) => {
            logger.error({ err }, 'close failed');
            process.exitCode = 1;
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}

/** A word the shell takes as is, quoted when it holds anything else. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** `TOKEN_STORE=... ` or `DATA_DIR=... ` when the environment moved the token file, else nothing. */
export function tokenStoreEnv(env: NodeJS.ProcessEnv, config: { dataDir: string; tokenStore: string }): string {
  if (env['TOKEN_STORE'] !== undefined && env['TOKEN_STORE'] !== '')
    return `TOKEN_STORE=${shellWord(config.tokenStore)} `;
  if (env['DATA_DIR'] !== undefined && env['DATA_DIR'] !== '') return `DATA_DIR=${shellWord(config.dataDir)} `;
  return '';
}

/** What a person at the terminal should read when the start failed. */
export function startFailure(err: unknown, config: { host: string; port: number; dataDir: string }): string {
  const field = (name: string): string | undefined =>
    typeof err === 'object' && err !== null && name in err ? String(Reflect.get(err, name)) : undefined;
  const code = field('code');
  const syscall = field('syscall');
  if (syscall === 'listen' || syscall === 'bind' || code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL') {
    if (code === 'EADDRINUSE')
      return `${config.host}:${config.port} is already in use (another ledger still running?); stop it or set PORT`;
    if (code === 'EACCES') return `not allowed to listen on ${config.host}:${config.port}; pick a PORT above 1023`;
    if (code === 'EADDRNOTAVAIL') return `HOST ${config.host} is not an address of this machine`;
  }
  const disk = diskProblem(code, syscall, config.dataDir);
  if (disk !== undefined) return `cannot write to DATA_DIR ${config.dataDir}: ${disk}`;
  return err instanceof Error ? err.message : String(err);
}

/** Why a disk refuses writes, by the file system's or SQLite's code (SQLITE_IOERR_WRITE counts as SQLITE_IOERR). */
const DISK_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on its disk; free some space, then start again',
  SQLITE_FULL: 'no space left on its disk; free some space, then start again',
  EDQUOT: 'the disk quota is used up; free some space, then start again',
  EROFS: 'it is on a read-only file system',
  SQLITE_READONLY: 'it is on a read-only file system, or its files are read-only',
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EIO: 'the disk reports an I/O error',
  SQLITE_IOERR: 'the disk reports an I/O error',
};

/** Bytes free on the disk of `dir` (for this user), or undefined when that cannot be told. */
function freeBytes(dir: string): number | undefined {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return undefined;
  }
}

function diskProblem(code: string | undefined, syscall: string | undefined, dataDir: string): string | undefined {
  if (code === undefined) return undefined;
  const family = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
  // SQLite reports a full disk as an I/O error when it is a side file (-shm, -wal) it cannot grow.
  if ((family === 'SQLITE_IOERR' || code === 'EIO') && freeBytes(dataDir) === 0) return DISK_PROBLEMS['ENOSPC'];
  const known = DISK_PROBLEMS[code] ?? DISK_PROBLEMS[family];
  if (known !== undefined) return known;
  // Creating DATA_DIR on a read-only file system reports ENOENT (mkdir -p gives up on the first
  // missing parent): ask the nearest directory that exists.
  if (code === 'ENOENT' && syscall === 'mkdir') {
    for (let dir = dataDir; ; dir = path.dirname(dir)) {
      if (!existsSync(dir)) {
        if (dir === path.dirname(dir)) return undefined;
        continue;
      }
      try {
        accessSync(dir, constants.W_OK);
        return undefined;
      } catch (error) {
        const why =
          typeof error === 'object' && error !== null && 'code' in error
            ? DISK_PROBLEMS[String(error.code)]
            : undefined;
        return why;
      }
    }
  }
  return undefined;
}
