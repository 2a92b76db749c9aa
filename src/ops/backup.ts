// `ledger backup` and `ledger restore` of the embedded store (ADR 0036). A backup directory holds the
// store's database, copied online by the running store (storage/backup.ts), the token file and the
// request-hash key (a restored ledger must recognise its tokens and the requests it answered), and
// `backup.json`: what each file is, its size and SHA-256, and the log position the copy reaches. The
// read index is not copied: a restored ledger rebuilds it from the events. Directories 0700, files 0600.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir } from '../files/private.js';
import { DB_FILE_NAME } from '../embedded/storage/database.js';
import { checkDatabaseFile } from '../embedded/storage/backup.js';

export const BACKUP_FORMAT = 'position-ledger-backup';
export const MANIFEST = 'backup.json';

const Role = z.enum(['events', 'tokens', 'request-hash-key']);
type Role = z.infer<typeof Role>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  /** Log position of the last event in the copied store (0: none). */
  position: z.number().int().min(0),
  files: z.array(
    z.object({
      role: Role,
      name: z.string().regex(/^[\w.-]+$/),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** Where each file goes in DATA_DIR (and comes from). */
export interface DataFiles {
  dataDir: string;
  tokenStore: string;
  requestHashKeyFile: string;
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: 'backup_target_not_empty' | 'backup_target_invalid' | 'restore_target_not_empty' | 'backup_invalid',
    message: string,
  ) {
    super(message);
  }
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return true;
    throw error;
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Refuses a relative target, or one that exists and is not empty. */
export async function assertBackupTarget(dir: string): Promise<void> {
  if (!path.isAbsolute(dir))
    throw new BackupError('backup_target_invalid', `The backup directory must be an absolute path (${dir} is not)`);
  if (!(await isMissingOrEmpty(dir)))
    throw new BackupError(
      'backup_target_not_empty',
      `${dir} exists and is not empty: back up into a new or empty directory`,
    );
}

/**
 * Backs the store up into `dir`: `copyDatabase` makes the online copy of the store's database (the
 * running store does it), the other files are copied as they are.
 */
export async function backupDataDir(
  dir: string,
  files: DataFiles,
  copyDatabase: (file: string) => Promise<{ position: number }>,
): Promise<BackupManifest> {
  await assertBackupTarget(dir);
  ensurePrivateDir(dir);
  const createdAt = new Date().toISOString();
  const { position } = await copyDatabase(path.join(dir, DB_FILE_NAME));
  const entries: { role: Role; name: string }[] = [{ role: 'events', name: DB_FILE_NAME }];
  for (const [role, from] of [
    ['tokens', files.tokenStore],
    ['request-hash-key', files.requestHashKeyFile],
  ] as const) {
    if (!(await exists(from))) continue;
    const name = path.basename(from);
    await copyFile(from, path.join(dir, name));
    await chmod(path.join(dir, name), 0o600);
    entries.push({ role, name });
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, version: 1, createdAt, position, files: [] };
  for (const e of entries) {
    const file = path.join(dir, e.name);
    manifest.files.push({ ...e, bytes: (await stat(file)).size, sha256: await sha256(file) });
  }
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Reads a backup's manifest and checks every file against it. */
export async function checkBackup(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = BackupManifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
  } catch (error) {
    throw new BackupError(
      'backup_invalid',
      `${dir} holds no readable ${MANIFEST}: not a ledger backup (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  for (const f of manifest.files) {
    const file = path.join(dir, f.name);
    if (!(await exists(file)) || (await sha256(file)) !== f.sha256)
      throw new BackupError('backup_invalid', `${file} is missing or not the file the backup made (SHA-256 differs)`);
  }
  const events = manifest.files.find((f) => f.role === 'events');
  if (events === undefined) throw new BackupError('backup_invalid', `${dir} holds no copy of the store`);
  const check = checkDatabaseFile(path.join(dir, events.name));
  if (check !== 'ok') throw new BackupError('backup_invalid', `SQLite finds the copy damaged: ${check}`);
  return manifest;
}

/** Restores a checked backup into an empty (or missing) DATA_DIR. */
export async function restoreDataDir(dir: string, files: DataFiles): Promise<BackupManifest> {
  const manifest = await checkBackup(dir);
  if (!(await isMissingOrEmpty(files.dataDir)))
    throw new BackupError(
      'restore_target_not_empty',
      `${files.dataDir} is not empty: restore only into an empty DATA_DIR`,
    );
  const targets: Record<Role, string> = {
    events: path.join(files.dataDir, DB_FILE_NAME),
    tokens: files.tokenStore,
    'request-hash-key': files.requestHashKeyFile,
  };
  for (const f of manifest.files) {
    const to = targets[f.role];
    if (await exists(to))
      throw new BackupError('restore_target_not_empty', `${to} exists already: restore only where no ledger files are`);
  }
  ensurePrivateDir(files.dataDir);
  for (const f of manifest.files) {
    const to = targets[f.role];
    await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
    await copyFile(path.join(dir, f.name), to);
    await chmod(to, 0o600);
  }
  return manifest;
}
