// At start: can the data directory's disk take a write at all? SQLite needs room only for the files it creates or
// grows, so a ledger that stopped cleanly fails on a full disk (its -shm file is gone and cannot be made again),
// while one that was killed finds its -wal and -shm files still there, starts, and refuses every write with 503.
// Writing a small file first makes the start refuse a full (or read-only) disk either way, with the
// file system's own error (ENOSPC, EDQUOT, EROFS), which `ledger serve` turns into one line for the person.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** What the probe writes: room for SQLite's shared-memory file (32 KiB) and a few pages of each file, twice over. */
export const ROOM_TO_WRITE_BYTES = 256 * 1024;

/** The directory that cannot take a write, with the file system's `code` and `syscall` (ENOSPC, write). */
export class RoomToWriteError extends Error {
  override readonly name = 'RoomToWriteError';
  readonly code: string | undefined;
  readonly syscall: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const field = (name: string): string | undefined =>
      typeof cause === 'object' && cause !== null && name in cause ? String(Reflect.get(cause, name)) : undefined;
    super(`${path} cannot take a write: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.code = field('code');
    this.syscall = field('syscall');
  }
}

/** Throws RoomToWriteError when `dir` cannot take `bytes` more (the probe file is removed either way). */
export function assertRoomToWrite(dir: string, bytes = ROOM_TO_WRITE_BYTES): void {
  const probe = path.join(dir, `.room-to-write-${process.pid}`);
  try {
    const fd = openSync(probe, 'w', 0o600);
    try {
      // Space is allocated at write time (tmpfs, and ext4's delayed allocation reserves it), so no fsync is needed.
      writeSync(fd, Buffer.alloc(bytes));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new RoomToWriteError(dir, error);
  } finally {
    rmSync(probe, { force: true });
  }
}
