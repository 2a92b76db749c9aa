// `ledger backup --to <dir>` and `ledger restore --from <dir>` (src/ops/backup.ts, ADR 0036).
// Backup while `npm start` serves on the same DATA_DIR: the store holds its file exclusively, so the
// command asks the running ledger (POST /v1/admin/backup, an admin token in LEDGER_TOKEN) to make the
// copy. With no ledger running on DATA_DIR it copies the files itself. Restore puts a backup into an
// empty DATA_DIR (the ledger stopped), after checking every file against the backup's manifest.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import type { BackupManifest } from '../../ops/backup.js';
import { complain, say } from '../terminal.js';

class BackupRequestError extends Error {
  override readonly name = 'BackupRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function apiUrl(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

function dataFiles(config: Config) {
  return { dataDir: config.dataDir, tokenStore: config.tokenStore, requestHashKeyFile: config.requestHashKey.file };
}

async function runningLedgerHolds(dataDir: string): Promise<boolean> {
  const { STORE_ADDRESS_FILE } = await import('../../boot/open-store.js');
  return access(path.join(dataDir, STORE_ADDRESS_FILE)).then(
    () => true,
    () => false,
  );
}

/** Asks the running ledger at `url` for the backup. */
async function askRunning(url: string, to: string): Promise<BackupManifest> {
  const token = process.env['LEDGER_TOKEN'];
  if (token === undefined || token === '') {
    throw new BackupRequestError(
      'token_required',
      'A ledger is running on this DATA_DIR: the backup is made by it. Give an admin token in LEDGER_TOKEN (ledger token create --role admin ...)',
    );
  }
  let res: Response;
  try {
    res = await fetch(`${url}/v1/admin/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to }),
    });
  } catch (error) {
    throw new BackupRequestError(
      'ledger_unreachable',
      `The ledger running on this DATA_DIR does not answer at ${url} (${error instanceof Error ? error.message : String(error)}): give its address with --url`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status !== 200) {
    const detail =
      typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : `HTTP ${res.status}`;
    const code = typeof body === 'object' && body !== null && 'code' in body ? String(body.code) : 'backup_failed';
    throw new BackupRequestError(code, `The ledger refused the backup: ${detail}`);
  }
  const { BackupManifest } = await import('../../ops/backup.js');
  return BackupManifest.parse(body);
}

function summary(manifest: BackupManifest, to: string): string {
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  return `${manifest.files.map((f) => f.name).join(', ')} (${(bytes / 2 ** 20).toFixed(1)} MiB, the log up to position ${manifest.position}) in ${to}`;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description("Copy the embedded store's files into a new directory, also while the ledger serves")
    .requiredOption('--to <dir>', 'a new or empty directory')
    .option('--url <url>', 'the running ledger (default http://HOST:PORT); needs an admin token in LEDGER_TOKEN')
    .action(async (options: { to: string; url?: string }) => {
      const config = loadConfig(process.env);
      if (config.esdbUrl !== undefined) {
        throw new BackupRequestError(
          'backup_not_embedded',
          'ESDB_URL is set: the events are in that EventStoreDB cluster, which is backed up with its own tools (README: "Backup and restore")',
        );
      }
      const to = path.resolve(options.to);
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ backupDataDir }, { backupClosedDatabase }, { DB_FILE_NAME }] = await Promise.all([
        import('../../ops/backup.js'),
        import('../../embedded/storage/backup.js'),
        import('../../embedded/storage/database.js'),
      ]);
      const offline = () =>
        backupDataDir(to, dataFiles(config), (file) =>
          backupClosedDatabase(path.join(config.dataDir, DB_FILE_NAME), file),
        );
      if (await runningLedgerHolds(config.dataDir)) {
        complain(`A ledger is running on ${config.dataDir}: asking it for the backup.`);
        let manifest: BackupManifest;
        try {
          manifest = await askRunning(options.url ?? apiUrl(config), to);
        } catch (error) {
          // The address a ledger killed without closing left behind: if no one holds the store, copy it here.
          if (!(error instanceof BackupRequestError && error.code === 'ledger_unreachable')) throw error;
          manifest = await offline().catch(() => Promise.reject(error));
        }
        say(`Backed up ${summary(manifest, to)}.`);
        return;
      }
      say(`Backed up ${summary(await offline(), to)}.`);
    });

  program
    .command('restore')
    .description('Put a backup into an empty DATA_DIR (with the ledger stopped)')
    .requiredOption('--from <dir>', 'a directory `ledger backup` made')
    .action(async (options: { from: string }) => {
      const config = loadConfig(process.env);
      const { restoreDataDir } = await import('../../ops/backup.js');
      const manifest = await restoreDataDir(path.resolve(options.from), dataFiles(config));
      say(
        `Restored ${summary(manifest, config.dataDir)}; start the ledger on it (the read index is rebuilt from the events).`,
      );
    });
}
