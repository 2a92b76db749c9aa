// CPU per read with and without the readers' bound (ADR 0073): the same reads through the write path's log (no bound)
// and through the readers' log (every statement bounded by the last durable position), on one file-backed store of
// EVENTS events (100 to a stream, 300 bytes of data each), A B B A rounds, the main thread's CPU from
// /proc/self/task/<pid>/stat. The reads are what the store's handlers run: a stream read (the view, then up to 100
// events forwards), the last event of a stream (the view, then one event backwards), a read of $all forwards and
// one backwards (100 records from a random position), the view alone.
//   node --import tsx bench/store/durable-bound-cpu.ts [events] [rounds] [reads-per-round]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/embedded/storage/database.js';
import { createEventLog, createLogReader, type LogReader } from '../../src/embedded/storage/event-log.js';

const events = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 3);
const reads = Number(process.argv[4] ?? 20_000);
const PER_STREAM = 100;

/** This thread's CPU (user + system) so far, in ms (clock ticks of 10 ms). */
function threadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A small seeded generator, so both variants read the same streams and positions. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'durable-bound-'));
const database = openDatabase({ dataDir: dir });
try {
  const { db } = database;
  const log = createEventLog(db);
  const data = Buffer.alloc(300, 0x61);
  const metadata = Buffer.from('{}');
  const fill = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n += 1)
      log.insert({
        stream: `position-${Math.floor(n / PER_STREAM)}`,
        revision: n % PER_STREAM,
        id: randomUUID(),
        type: 'PositionRecorded',
        isJson: true,
        createdMs: Date.now(),
        data,
        metadata,
      });
  });
  for (let from = 0; from < events; from += 10_000) fill(from, Math.min(events, from + 10_000));
  const last = log.lastPosition();
  const streams = Math.ceil(events / PER_STREAM);
  const variants: Record<'A' | 'B', LogReader> = { A: log, B: createLogReader(db, () => last) };

  const ops: Record<string, (reader: LogReader, random: () => number) => number> = {
    stream: (reader, random) => {
      const stream = `position-${Math.floor(random() * streams)}`;
      const view = reader.view(stream, Date.now());
      if (view.kind !== 'visible') throw new Error(`${stream} not visible`);
      return reader.streamForward(stream, view.minRevision, view.last, view.minCreatedMs, 100).length;
    },
    lastOfStream: (reader, random) => {
      const stream = `position-${Math.floor(random() * streams)}`;
      const view = reader.view(stream, Date.now());
      if (view.kind !== 'visible') throw new Error(`${stream} not visible`);
      return reader.streamBackward(stream, view.last, view.minRevision, view.minCreatedMs, 1).length;
    },
    allForward: (reader, random) => reader.allForward(1 + Math.floor(random() * (last - 100)), 100).length,
    allBackward: (reader, random) => reader.allBackward(101 + Math.floor(random() * (last - 100)), 100).length,
    view: (reader, random) =>
      reader.view(`position-${Math.floor(random() * streams)}`, Date.now()).kind === 'visible' ? 1 : 0,
  };

  console.log(
    `events ${events}, ${reads} reads a round, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const [name, op] of Object.entries(ops)) {
    const n = name === 'view' || name === 'lastOfStream' ? reads * 20 : reads;
    // Warm up both.
    for (const variant of ['A', 'B'] as const) for (let i = 0; i < 2_000; i += 1) op(variants[variant], lcg(i));
    const cpu: Record<'A' | 'B', number[]> = { A: [], B: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of ['A', 'B', 'B', 'A'] as const) {
        const random = lcg(round);
        let rows = 0;
        const c0 = threadCpuMs();
        for (let i = 0; i < n; i += 1) rows += op(variants[variant], random);
        const ms = threadCpuMs() - c0;
        cpu[variant].push((ms * 1000) / n);
        if (rows === 0) throw new Error('nothing read');
      }
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    console.log(
      `${name.padEnd(12)} µs/read, no bound (A): ${fmt(cpu.A)}  bound (B): ${fmt(cpu.B)}  medians ${median(cpu.A).toFixed(2)} / ${median(cpu.B).toFixed(2)}`,
    );
  }
  console.log(
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
