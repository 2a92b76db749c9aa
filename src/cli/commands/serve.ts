// `ledger serve` (what `npm start` runs): reads the configuration from the environment, starts the
// ledger (src/server.ts), tells the person at the terminal how to get a token, and closes everything
// on SIGINT/SIGTERM.
import type { Command } from 'commander';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../../config.js';
import { startLedger } from '../../server.js';

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
        console.error(err.message);
        for (const p of err.problems) console.error(`  ${p.variable}: ${p.message}`);
        process.exitCode = 2;
        return;
      }
      const logger = pino({ level: config.logLevel });
      const running = await startLedger(config, logger);

      const tokens = await running.tokens.list();
      console.log('');
      console.log(`Position Ledger is listening on ${running.url}  (API reference: ${running.url}/docs)`);
      console.log(`Event store: ${running.embeddedStore ? `embedded, data in ${config.dataDir}` : running.storeConnection}`);
      if (running.seeded !== undefined) {
        console.log(`Loaded the demo data: ${running.seeded.appended} events from ${running.seeded.steps} steps.`);
      }
      if (tokens.every((t) => t.revokedAt !== undefined)) {
        console.log('');
        console.log('No API token yet. Create one (it is printed once), for example:');
        console.log('  npm run ledger -- token create --agency MFA --role negotiator --role approver --clearance secret --name "MFA desk"');
        console.log('  npm run ledger -- token create --agency OAG --role agency-officer --name "OAG desk"');
        console.log(`Then: curl -H "Authorization: Bearer <token>" ${running.url}/v1/...`);
      }
      console.log('');

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
