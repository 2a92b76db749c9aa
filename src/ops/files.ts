// Where an export goes and where an import reads from: a file (gzip when its name ends in `.gz`;
// an import recognises gzip by its first bytes whatever the name) or `-` for stdout / stdin.
// An export file is written 0600 (it holds classified values) under a `.partial` name and renamed
// when complete, so a file with the export's name is always a whole export.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

export interface ExportSink {
  readonly stream: Writable;
  /** Flushes and closes; a file gets its final name. */
  finish(): Promise<void>;
  /** Closes and removes what was written (a failed export). */
  abandon(): Promise<void>;
}

export function gzipped(file: string): boolean {
  return file.endsWith('.gz');
}

export function openExportSink(file: string): ExportSink {
  if (file === '-') {
    return { stream: process.stdout, finish: async () => undefined, abandon: async () => undefined };
  }
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const gzip = gzipped(file) ? createGzip() : null;
  if (gzip !== null) gzip.pipe(out);
  const stream = gzip ?? out;
  return {
    stream,
    async finish() {
      stream.end();
      await finished(out);
      await rename(partial, file);
    },
    async abandon() {
      stream.destroy();
      out.destroy();
      await rm(partial, { force: true });
    },
  };
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The lines of an export file (or stdin for `-`), decompressed when gzip. */
export async function readExportLines(file: string): Promise<AsyncIterable<string>> {
  let input: Readable;
  if (file === '-') input = process.stdin;
  else {
    const gz = await startsWithGzipMagic(file);
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    input = gz ? raw.pipe(createGunzip()) : raw;
    if (gz) raw.on('error', (error) => input.destroy(error));
  }
  // Iterated from here on: readline emits the lines it reads whether or not anyone listens, and the
  // iterator only sees those read after it was created (the caller opens a store meanwhile).
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]: () => lines };
}
