// `ledger seed`: loads the demo data (src/seed) through the ledger into the configured store. Every step
// carries its own Idempotency-Key, so running it again appends nothing new.
import type { Command } from 'commander';
import { pino } from 'pino';
import { loadConfig } from '../../config.js';
import { createLedger } from '../../application/ledger.js';
import { seedDemo } from '../../application/seed.js';
import { openStore } from '../../store/connect.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Load the demo data (appends nothing already there)')
    .action(async () => {
      const config = loadConfig(process.env);
      const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const opened = await openStore(config, logger);
      try {
        // MFA's record of the AHC consultations: written with MFA coordinating (the ledger's default), whatever
        // COORDINATING_AGENCY says.
        const ledger = createLedger({ store: opened.store, logger });
        const report = await seedDemo(ledger);
        console.log(`Demo data: ${report.steps} steps, ${report.appended} events appended, ${report.replayed} already there.`);
      } finally {
        await opened.close();
      }
    });
}
