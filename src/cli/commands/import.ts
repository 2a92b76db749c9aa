// `ledger import --from file [--resume] [--url esdb://...]`: an export into an empty store (the embedded
// one on DATA_DIR, or ESDB_URL / --url), the same event ids, revisions, data, metadata and chains, in the
// same order (src/ops/import.ts, ADR 0036). --resume goes on with an import that stopped.
import type { Command } from 'commander';
import { complain } from '../terminal.js';
import { openTransferStore, progressBar } from './transfer.js';

interface ImportOptions {
  from: string;
  resume: boolean;
  url?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Load an export into an empty store (--resume: go on with an import that stopped)')
    .requiredOption('--from <file>', 'export file (plain or gzip); - for stdin')
    .option('--resume', 'the target holds part of this export already: append the rest', false)
    .option(
      '--url <connection>',
      'EventStoreDB connection string (default ESDB_URL, else the embedded store on DATA_DIR)',
    )
    .action(async (options: ImportOptions) => {
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ readExportLines }, { importLedger }] = await Promise.all([
        import('../../ops/files.js'),
        import('../../ops/import.js'),
      ]);
      const lines = await readExportLines(options.from);
      const { opened } = await openTransferStore(options.url, 'importing');
      const bar = progressBar('importing');
      try {
        const report = await importLedger(opened.store, lines, {
          resume: options.resume,
          onProgress: (done, of) => bar.update(done, of),
        });
        bar.stop();
        const resumed = report.skipped > 0 ? ` (${report.skipped} were there already)` : '';
        complain(
          `Imported ${report.imported} events${resumed}; the export holds ${report.header.counts.events} events of ${report.header.counts.streams} streams, exported ${report.header.exportedAt} from ${report.header.source}.`,
        );
      } finally {
        bar.stop();
        await opened.close();
      }
    });
}
