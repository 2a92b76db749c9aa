// `ledger export [--out file] [--url esdb://...]`: every ledger event and the checkpoint stream as JSON
// Lines (src/ops, ADR 0036), gzip when the file name ends in `.gz`, stdout without --out or with `-`.
// Works beside a running ledger (through its store): the export covers the log up to where it began.
import type { Command } from 'commander';
import { complain } from '../terminal.js';
import { openTransferStore, progressBar, sourceName } from './transfer.js';

interface ExportOptions {
  out: string;
  url?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write every ledger event (and the checkpoints) as JSON Lines, gzip for a .gz file')
    .option('--out <file>', 'file to write (gzip when it ends in .gz); - for stdout', '-')
    .option(
      '--url <connection>',
      'EventStoreDB connection string (default ESDB_URL, else the embedded store on DATA_DIR)',
    )
    .action(async (options: ExportOptions) => {
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ exportLedger }, { openExportSink }] = await Promise.all([
        import('../../ops/export.js'),
        import('../../ops/files.js'),
      ]);
      const { config, opened } = await openTransferStore(options.url, 'exporting');
      const sink = openExportSink(options.out);
      const bar = progressBar('exporting');
      try {
        const header = await exportLedger(opened.store, sink.stream, {
          source: sourceName(config, opened),
          onProgress: (done, of) => bar.update(done, of),
        });
        await sink.finish();
        bar.stop();
        complain(
          `Exported ${header.counts.events} events of ${header.counts.streams} streams (${header.counts.checkpoints} checkpoints)${options.out === '-' ? '' : ` to ${options.out}`}.`,
        );
      } catch (error) {
        bar.stop();
        await sink.abandon();
        throw error;
      } finally {
        await opened.close();
      }
    });
}
