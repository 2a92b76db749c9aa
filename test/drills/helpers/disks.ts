// Small file systems for the disk drills (docs/adr/0027-drills.md), mounted as root without Docker:
// - a tmpfs of a given size: fills up like a real disk (ENOSPC, SQLITE_FULL), can be made larger while
//   mounted (`mount -o remount,size=`) and read-only when no file is open for writing;
// - an ext4 file system on a loop device, mounted errors=remount-ro: writing to
//   /sys/fs/ext4/<loop>/trigger_fs_error makes the kernel turn it read-only at once under a running
//   process, its open files included (EROFS), as it does after a real disk error.
// `mountsAvailable()` says why not when the machine does not allow it (not root, no loop devices): the
// drills then skip with that reason.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Test } from 'tap';

const run = promisify(execFile);

async function sh(command: string, ...args: string[]): Promise<string> {
  return (await run(command, args)).stdout.trim();
}

/** Undefined when tmpfs and ext4-on-loop mounts work here; otherwise why not. */
export async function mountsAvailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `mounts are a Linux drill (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a small file system needs root (CI runs the tests as root)';
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-mount-probe-'));
  try {
    await sh('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir);
    await sh('umount', dir);
    await sh('mkfs.ext4', '-V').catch(() => {
      throw new Error('mkfs.ext4 is missing (apt-get install e2fsprogs)');
    });
    await sh('losetup', '-f');
    return undefined;
  } catch (error) {
    return `cannot mount a small file system here: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Disk {
  /** The mount point. */
  dir: string;
  /** Remounts with these options (e.g. `size=64m`, `ro`, `rw`). */
  remount(options: string): Promise<void>;
  /** Fills what is free but `leaveBytes` with a file (`free()` removes it). */
  fill(leaveBytes?: number): Promise<void>;
  free(): Promise<void>;
}

/** Unmounts `dir` when the test ends, then removes `remove` (default: `dir`). */
async function unmountLater(t: Test, dir: string, remove = dir): Promise<void> {
  t.teardown(async () => {
    // A process killed a moment ago may still hold files open: try a few times, then detach lazily.
    for (let i = 0; i < 20; i += 1) {
      try {
        await sh('umount', dir);
        break;
      } catch {
        if (i === 19) await sh('umount', '-l', dir).catch(() => undefined);
        else await new Promise((r) => setTimeout(r, 250));
      }
    }
    await rm(remove, { recursive: true, force: true });
  });
}

function fillerOf(dir: string) {
  const filler = path.join(dir, 'filler');
  return {
    async fill(leaveBytes = 0) {
      const avail = Number(await sh('df', '--output=avail', '-B1', dir).then((out) => out.split('\n').at(-1)?.trim()));
      await writeFile(filler, Buffer.alloc(Math.max(0, avail - leaveBytes))).catch(() => undefined);
    },
    free: () => rm(filler, { force: true }),
  };
}

/** A tmpfs of `size` (e.g. `8m`) on a fresh directory, unmounted when the test ends. */
export async function tmpfsDisk(t: Test, size: string): Promise<Disk> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-tmpfs-'));
  await sh('mount', '-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir);
  await unmountLater(t, dir);
  return {
    dir,
    remount: async (options) => void (await sh('mount', '-o', `remount,${options}`, dir)),
    ...fillerOf(dir),
  };
}

export interface Ext4Disk extends Disk {
  /** Makes the kernel turn the file system read-only now, open files included, as after a disk error. */
  failToReadOnly(): Promise<void>;
  /** Unmounts, repairs (e2fsck) and mounts it again read-write. */
  repair(): Promise<void>;
}

/** An ext4 file system of `megabytes` on a loop device (errors=remount-ro), unmounted when the test ends. */
export async function ext4Disk(t: Test, megabytes: number): Promise<Ext4Disk> {
  const base = await mkdtemp(path.join(tmpdir(), 'ledger-ext4-'));
  const image = path.join(base, 'disk.img');
  const dir = path.join(base, 'mnt');
  await mkdir(dir);
  await sh('truncate', '-s', `${megabytes}M`, image);
  await sh('mkfs.ext4', '-q', '-F', image);
  const mount = () => sh('mount', '-o', 'loop,errors=remount-ro', image, dir);
  await mount();
  await unmountLater(t, dir, base);
  const device = async () => path.basename(await sh('findmnt', '-n', '-o', 'SOURCE', dir));
  return {
    dir,
    remount: async (options) => void (await sh('mount', '-o', `remount,${options}`, dir)),
    ...fillerOf(dir),
    async failToReadOnly() {
      await writeFile(`/sys/fs/ext4/${await device()}/trigger_fs_error`, 'ledger drill\n');
    },
    async repair() {
      await sh('umount', dir);
      await run('e2fsck', ['-f', '-y', image]).catch(() => undefined); // exit 1: errors corrected
      await mount();
    },
  };
}
