// What the ledger keeps on disk (the embedded store, the read index, the token file) is for its own
// account only: directories 0700, files 0600, whatever the umask. SQLite creates a database's -wal,
// -shm and -journal files with the mode of the database file, so creating that file 0600 before SQLite
// opens it covers them; files an older version left open to others are tightened (group and other
// bits removed) when they are opened again.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Removes group and other permissions from an existing path; nothing when it does not exist. */
function tighten(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** Creates `dir` (and its missing parents) 0700; an existing `dir` loses group and other permissions. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
}

/** Before SQLite opens `file`: creates it 0600 when missing, and tightens it and its side files. */
export function preparePrivateSqliteFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) tighten(path);
}

/** Tightens a file another writer may have created with a looser mode. */
export function tightenFile(file: string): void {
  tighten(file);
}
