// After the WAL's fdatasync answered success: is the file system's journal still alive? (ADR 0071)
//
// Linux's ext4 (seen on 6.18) answers fdatasync with success when the journal transaction that allocated the
// file's new blocks and recorded its new size has already been ended by a journal abort (an I/O error, or
// errors=remount-ro after a file system error) without being written: jbd2_complete_transaction takes a
// transaction that is neither running nor committing as committed. The data is on the disk, but the blocks and
// the size that make it part of the file are not: after the next mount or `e2fsck`, the WAL ends before them and
// the writes of that batch are gone, though they were acknowledged. The abort that ended the transaction came
// before fdatasync returned, and from then on every journal handle fails to start (EROFS). So a metadata change
// made after fdatasync answered, which starts a handle, fails exactly then: the size of a file of its own, which
// holds no data, grown by one byte (a change the journal must record; never a shrink, which costs ext4 more).
import { open, type FileHandle } from 'node:fs/promises';

/** The size the check file grows to before it starts again from one byte (it holds no blocks, only a size). */
const LARGEST_SIZE = 1 << 20;

export interface JournalCheck {
  /** Rejects (EROFS, EIO) when the file system can no longer record a change: nothing synced may be acknowledged. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** The check on `file` (created 0600 when missing), beside the store's files on the same file system. */
export function createJournalCheck(file: string): JournalCheck {
  let handle: Promise<FileHandle> | null = null;
  let size = 0;
  const opened = (): Promise<FileHandle> => {
    // A file system that refused it once (read-only, full) may take it later: the open is tried again then.
    handle ??= open(file, 'w', 0o600).catch((error: unknown) => {
      handle = null;
      throw error;
    });
    return handle;
  };
  return {
    async check() {
      size = size >= LARGEST_SIZE ? 1 : size + 1;
      await (await opened()).truncate(size);
    },
    async close() {
      const h = handle;
      handle = null;
      if (h !== null) await (await h.catch(() => null))?.close();
    },
  };
}
