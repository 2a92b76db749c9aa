// `ledger checkpoint export [--note-only] [--key <key>]` prints the ledger's latest signed checkpoint for
// an auditor to keep outside the ledger (`> kept.checkpoint`): the verifier key, a blank line, the note
// as stored (kept-checkpoint.ts). `ledger checkpoint key` prints the verifier key alone. Both read the
// key's public half from the ledger's key file (or take --key); export refuses a checkpoint that key
// does not open. ADR 0035.
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CHECKPOINT_STREAM, readCheckpointEvent } from '../../integrity/checkpoint-stream.js';
import { keptCheckpointText } from '../../integrity/kept-checkpoint.js';
import type { OpenedStore } from '../../boot/open-store.js';
import { processLogger } from '../logger.js';
import { complain } from '../terminal.js';
import { keyOption, ownKey, type AcceptedKey } from '../verify/keys.js';
import { ownKeyFile } from '../verify/own-key-file.js';

interface ExportOptions {
  noteOnly: boolean;
  key?: string;
  url?: string;
}

class CheckpointExportError extends Error {
  override readonly name = 'CheckpointExportError';
  readonly code = 'checkpoint_export';
}

async function theKey(config: ReturnType<typeof loadConfig>, given: string | undefined): Promise<AcceptedKey> {
  if (given !== undefined) return keyOption(given);
  const own = await ownKey(ownKeyFile(config));
  if (own === null)
    throw new CheckpointExportError(
      `No signing key file at ${ownKeyFile(config).file} (the ledger writes it on first start, or reads SIGNING_KEY_FILE): give the ledger's verifier key with --key`,
    );
  return own;
}

export function registerCheckpointCommand(program: Command): void {
  const checkpoint = program
    .command('checkpoint')
    .description("The ledger's signed checkpoints, for keeping outside it");

  checkpoint
    .command('export')
    .description(
      'Print the latest signed checkpoint with the verifier key, to keep outside the ledger (> kept.checkpoint)',
    )
    .option('--note-only', 'print only the signed note (c2sp.org/tlog-checkpoint), without the key line', false)
    .option(
      '--key <key>',
      "the ledger's verifier key, or a file holding it (default: the public half of the ledger's key file)",
    )
    .option(
      '--url <connection>',
      'EventStoreDB connection string (default ESDB_URL, else the embedded store on DATA_DIR)',
    )
    .action(async (options: ExportOptions) => {
      const config = loadConfig(process.env);
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const { openStore } = await import('../../boot/open-store.js');
      let opened: OpenedStore | null = null;
      try {
        const key = await theKey(config, options.key);
        opened = await openStore(
          { ...config, esdbUrl: options.url ?? config.esdbUrl, embeddedStorePort: 0 },
          processLogger('warn', config.logFormat, process.stderr),
          { reachRunning: true },
        );
        if (opened.reachedRunning)
          complain(
            `The store in ${config.dataDir} is held by a running ledger: reading through it (${opened.connectionString}).`,
          );
        const { events } = await opened.store.readStream(CHECKPOINT_STREAM);
        const latest = events.at(-1);
        if (latest === undefined)
          throw new CheckpointExportError(
            'The ledger has signed no checkpoint yet (it signs one after its first events)',
          );
        const reading = readCheckpointEvent(latest, [key.verifier]);
        if (!reading.ok || reading.note === undefined) {
          throw new CheckpointExportError(
            `The latest checkpoint (${CHECKPOINT_STREAM}@${latest.revision}) does not open with ${key.verifier.name} (key ${key.verifier.keyId.toString('hex')}): ${reading.ok ? 'no note' : reading.reason}`,
          );
        }
        // Printed as stored: a signed note must keep every byte (no escaping; it is checked above to be a note).
        process.stdout.write(options.noteOnly ? reading.note : keptCheckpointText(key.verifierKey, reading.note));
        complain(
          `Checkpoint of ${reading.checkpoint.treeSize} events, signed ${reading.checkpoint.time} by ${key.verifier.name}.`,
        );
      } catch (error) {
        complain(`ledger checkpoint export: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      } finally {
        await opened?.close();
      }
    });

  checkpoint
    .command('key')
    .description("Print the ledger's verifier key (<name>+<key ID>+<key>), the public half of its signing key")
    .action(async () => {
      const config = loadConfig(process.env);
      try {
        const key = await theKey(config, undefined);
        process.stdout.write(`${key.verifierKey}\n`);
      } catch (error) {
        complain(`ledger checkpoint key: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    });
}
