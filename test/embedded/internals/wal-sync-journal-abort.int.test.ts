// The WAL sync after the file system's journal aborted (ADR 0071): ext4 answers fdatasync with success when the
// journal transaction that allocated the WAL's new blocks was ended by the abort without being written, and those
// blocks are then not part of the WAL after the next mount or fsck. The store's sync must fail there.
// Made deterministic with an ext4 whose journal is on a loop device of its own: the WAL's new blocks are
// written straight to the disk (O_DIRECT, allocated in the journal's running transaction, as a writeback
// allocates them), the journal's device then fails, and a directory fsync makes the journal commit, fail and
// abort. Needs root and loop devices (as the disk drills do); skipped elsewhere.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { openDatabase } from '../../../src/embedded/storage/database.js';
import { mountsAvailable } from '../../drills/helpers/disks.js';

const run = promisify(execFile);
const sh = async (command: string, ...args: string[]): Promise<string> => (await run(command, args)).stdout.trim();
const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : error;

const unavailable = await mountsAvailable();
if (unavailable !== undefined) t.plan(0, `skip: ${unavailable}`);
else
  t.test(
    'a WAL sync is refused once the journal has aborted, though fdatasync of the WAL answers success',
    async (t) => {
      const base = await mkdtemp(path.join(tmpdir(), 'ledger-journal-abort-'));
      const journalImage = path.join(base, 'journal.img');
      const image = path.join(base, 'disk.img');
      const mnt = path.join(base, 'mnt');
      await mkdir(mnt);
      await sh('truncate', '-s', '8M', journalImage);
      await sh('truncate', '-s', '32M', image);
      const journal = await sh('losetup', '-f', '--show', journalImage);
      t.teardown(async () => {
        await sh('umount', mnt).catch(() => sh('umount', '-l', mnt).catch(() => undefined));
        await sh('losetup', '-d', journal).catch(() => undefined);
        await rm(base, { recursive: true, force: true });
      });
      await sh('mke2fs', '-q', '-O', 'journal_dev', '-b', '4096', journal);
      await sh('mkfs.ext4', '-q', '-F', '-b', '4096', '-J', `device=${journal}`, image);
      await sh('mount', '-o', 'loop,errors=remount-ro', image, mnt);

      const dataDir = path.join(mnt, 'data');
      const store = openDatabase({ dataDir });
      const { db, syncWal } = store;
      if (syncWal === null) throw new Error('a file-backed store has a WAL to sync');
      t.teardown(() => store.close().catch(() => undefined));
      db.prepare(
        "INSERT INTO events (stream, revision, id, type, is_json, created, data, metadata) VALUES ('s', 0, 'a', 't', 1, 0, x'7b7d', x'')",
      ).run();
      await syncWal();
      t.pass('a sync on a healthy file system succeeds');

      const wal = path.join(dataDir, 'events.sqlite-wal');
      const end = Math.ceil((await stat(wal)).size / 4096);
      await sh('dd', 'if=/dev/zero', `of=${wal}`, 'bs=4096', 'count=4', `seek=${end}`, 'oflag=direct', 'conv=notrunc');
      await truncate(journalImage, 0);
      await sh('losetup', '-c', journal);
      const dir = await open(dataDir, 'r');
      const commit = await dir.sync().then(
        () => 'success',
        (error: unknown) => codeOf(error),
      );
      await dir.close();
      t.equal(commit, 'EIO', 'the journal could not commit the transaction that allocated the new blocks: it aborted');
      const plain = await open(wal, 'r');
      const datasync = await plain.datasync().then(
        () => 'success',
        (error: unknown) => codeOf(error),
      );
      await plain.close();
      t.comment(`fdatasync of the WAL alone, after the abort: ${String(datasync)}`);

      const answer = await syncWal().then(
        () => 'success',
        (error: unknown) => codeOf(error),
      );
      t.match(answer, /^(EROFS|EIO)$/, "the store's sync fails: nothing of that batch may be acknowledged");
    },
  );
