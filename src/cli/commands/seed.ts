// `ledger seed`: loads the demo data (src/seed) through the ledger into the configured store. Every step
// carries its own Idempotency-Key, so running it again appends nothing new. Beside a running ledger on
// the same DATA_DIR it loads through that ledger's store.
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { processLogger } from '../logger.js';
import { complain, say } from '../terminal.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Load the demo data (appends nothing already there)')
    .action(async () => {
      const config = loadConfig(process.env);
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ createLedger }, { seedDemo }, { openStore }, { loadRequestHashKey }] = await Promise.all([
        import('../../application/ledger.js'),
        import('../../seed/load.js'),
        import('../../boot/open-store.js'),
        import('../../auth/request-hash-key.js'),
      ]);
      // Logs on stderr: stdout is the command's answer.
      const logger = processLogger(
        config.logLevel === 'info' ? 'warn' : config.logLevel,
        config.logFormat,
        process.stderr,
      );
      const requestHashKey = await loadRequestHashKey(config.requestHashKey);
      const opened = await openStore(config, logger, { reachRunning: true });
      if (opened.reachedRunning)
        complain(
          `The store in ${config.dataDir} is held by a running ledger: loading through it (${opened.connectionString}).`,
        );
      try {
        // MFA's record of the AHC consultations: written with MFA coordinating (the ledger's default), whatever
        // COORDINATING_AGENCY says.
        const ledger = createLedger({ store: opened.store, logger, requestHashKey });
        const report = await seedDemo(ledger);
        say(`Demo data: ${report.steps} steps, ${report.appended} events appended, ${report.replayed} already there.`);
      } finally {
        await opened.close();
      }
    });
}
