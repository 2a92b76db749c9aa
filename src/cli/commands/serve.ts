// `ledger serve` (what `npm start` runs): reads the configuration from the environment, starts the
// ledger (src/server.ts), tells the person at the terminal how to get a token, and closes everything
// on SIGINT/SIGTERM.
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config.js';
import { startLedger } from '../../server.js';
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
      say(`Event store: ${running.embeddedStore ? `embedded at ${running.storeConnection}, data in ${config.dataDir}` : running.storeConnection}`);
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
        say(`  ${create} --agency OAG --role auditor --clearance top-secret --name "OAG auditor"   (reads /v1/audit/events)`);
        say(`Then: curl -H "Authorization: Bearer <token>" ${running.url}/v1/positions   (every route, with example bodies: ${running.url}/docs)`);
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
  if (env['TOKEN_STORE'] !== undefined && env['TOKEN_STORE'] !== '') return `TOKEN_STORE=${shellWord(config.tokenStore)} `;
  if (env['DATA_DIR'] !== undefined && env['DATA_DIR'] !== '') return `DATA_DIR=${shellWord(config.dataDir)} `;
  return '';
}

/** What a person at the terminal should read when the start failed. */
export function startFailure(err: unknown, config: { host: string; port: number }): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  if (code === 'EADDRINUSE') return `${config.host}:${config.port} is already in use (another ledger still running?); stop it or set PORT`;
  if (code === 'EACCES') return `not allowed to listen on ${config.host}:${config.port}; pick a PORT above 1023`;
  if (code === 'EADDRNOTAVAIL') return `HOST ${config.host} is not an address of this machine`;
  return err instanceof Error ? err.message : String(err);
}
