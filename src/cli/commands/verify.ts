// `ledger verify [--trusted <file>]... [--key <key>]... [--url esdb://...] [--json]`: reads the whole
// ledger through the store adapter (ESDB_URL or --url, else the embedded store on DATA_DIR, or the
// store of a ledger running on it), checks every stream's chain, recomputes the Merkle tree over every
// ledger event and meets it with every checkpoint the ledger signed and every one kept outside it
// (ADR 0035). Exit 0 when all holds; 1 with the first break named (stream, revision, what) otherwise.
import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { OpenedStore } from '../../boot/open-store.js';
import { processLogger } from '../logger.js';
import { complain, printableJson, say } from '../terminal.js';
import { keyOption, KeyOptionError, ownKey, type AcceptedKey } from '../verify/keys.js';
import { isVerified, reportJson, reportText } from '../verify/report.js';
import type { KeptFile } from '../verify/run.js';
import { ownKeyFile } from '../verify/own-key-file.js';

interface VerifyOptions {
  trusted: string[];
  key: string[];
  url?: string;
  json: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

async function keptFiles(files: readonly string[]): Promise<KeptFile[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file, text: await readFile(file, 'utf8') };
      } catch (error) {
        throw new KeyOptionError(
          `--trusted ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
        );
      }
    }),
  );
}

/** A bar on stderr when it is a terminal: how far through $all (by position) and how fast. */
function progressBar(head: bigint | null): { update(events: number, commit: bigint): void; stop(): void } {
  if (process.stderr.isTTY !== true || head === null || head <= 0n)
    return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: 'verifying [{bar}] {percentage}% | {events} events | {rate} events/s',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  const total = Number(head);
  const started = Date.now();
  bar.start(total, 0, { events: 0, rate: 0 });
  return {
    update(events, commit) {
      bar.update(Math.min(total, Number(commit)), {
        events,
        rate: Math.round(events / Math.max(0.001, (Date.now() - started) / 1000)),
      });
    },
    stop: () => bar.stop(),
  };
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      "Check every stream's chain, the Merkle tree over every ledger event, and every checkpoint; exit 1 naming the first break",
    )
    .option(
      '--trusted <file>',
      'a checkpoint kept outside the ledger (`ledger checkpoint export` output); repeatable',
      collect,
      [],
    )
    .option(
      '--key <key>',
      "a verifier key (<name>+<key ID>+<key>) or a file holding one, accepted for the ledger's checkpoints; repeatable",
      collect,
      [],
    )
    .option(
      '--url <connection>',
      'EventStoreDB connection string (default ESDB_URL, else the embedded store on DATA_DIR)',
    )
    .option('--json', 'print one JSON object instead of lines', false)
    .action(async (options: VerifyOptions) => {
      const config = loadConfig(process.env);
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ openStore }, { verifyLedger }] = await Promise.all([
        import('../../boot/open-store.js'),
        import('../verify/run.js'),
      ]);
      let opened: OpenedStore | null = null;
      try {
        const keys: AcceptedKey[] = await Promise.all(options.key.map(keyOption));
        const trusted = await keptFiles(options.trusted);
        opened = await openStore(
          { ...config, esdbUrl: options.url ?? config.esdbUrl, embeddedStorePort: 0 },
          processLogger('warn', config.logFormat, process.stderr),
          { reachRunning: true },
        );
        if (opened.reachedRunning)
          complain(
            `The store in ${config.dataDir} is held by a running ledger: reading through it (${opened.connectionString}).`,
          );
        const head = await opened.store.headPosition();
        const bar = progressBar(head?.commit ?? null);
        const result = await verifyLedger({
          store: opened.store,
          keys,
          trusted,
          ownKey: () => ownKey(ownKeyFile(config)),
          onProgress: (events, position) => bar.update(events, position.commit),
        });
        bar.stop();
        if (options.json) console.log(printableJson(reportJson(result), 2));
        else for (const line of reportText(result)) say(line);
        process.exitCode = isVerified(result) ? 0 : 1;
      } catch (error) {
        complain(`ledger verify: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      } finally {
        await opened?.close();
      }
    });
}
