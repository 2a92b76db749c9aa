// CPU per event, per thread, of the projector's catch-up with the integrity checks (issue 12 §5, ADR 0053):
// what the bench's integrity:monitor catch-up runs (read side on a memory index, the monitor with its worker,
// the store in a process of its own), timed by /proc/<pid>/task/*/stat, which counts CPU only (not time spent
// waiting for a core, as --cpu-prof does). Usage:
//   node --import tsx bench/integrity/catch-up-cpu.ts <store dir> [checked|plain|raw] [runs]
// The store dir is filled with INTEGRITY_CATCHUP_EVENTS (200,000) chained events the first time and reused after.
// Each line also says where the busiest threads spent the catch-up's wall time (/proc/<pid>/task/<tid>/schedstat):
// on a core, runnable but waiting for one, or blocked with nothing to do (ADR 0060), and how busy the machine's cores
// were meanwhile (/proc/stat): this process, the store, everything else, idle. A thread that waits for a core while a
// core idles points at how the work is packed; one that waits while every core is busy, at the CPU used (ADR 0068).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { pino } from 'pino';
import { generateSigningKey } from '../../src/integrity/index.js';
import type { IntegrityMonitor } from '../../src/read/integrity.js';
import { createReadSide } from '../../src/read/read-side.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { startStore, threadCpuMs, threadSchedMs } from '../store/process.js';
import { benchMonitor, fillChained } from './chained-events.js';

const logger = pino({ level: 'warn' });
const key = generateSigningKey('bench').key;
/** CPU ms since `before` by group: the main thread, the threads started after `old` (the checks' worker:
 * the busiest of them; others), and the threads that were there (V8's and libuv's helpers). */
function cpuSince(
  pid: number,
  before: Map<number, { name: string; ms: number }>,
  old: ReadonlySet<number>,
): Record<string, number> {
  const after = threadCpuMs(pid);
  const sums: Record<string, number> = {};
  const young: number[] = [];
  for (const [tid, t] of after) {
    const spent = t.ms - (before.get(tid)?.ms ?? 0);
    if (tid === pid) sums['main'] = spent;
    else if (old.has(tid)) sums['helpers'] = (sums['helpers'] ?? 0) + spent;
    else young.push(spent);
  }
  young.sort((a, b) => b - a);
  if (young.length > 0) sums['worker'] = young[0] ?? 0;
  if (young.length > 1) sums['worker helpers'] = young.slice(1).reduce((a, b) => a + b, 0);
  return sums;
}

/**
 * Where the busiest threads spent the run's wall time `ms`: on a core, runnable without one, blocked (the rest), as
 * percentages: the projector's thread, the checks' worker (the busiest thread started after `old`), the store's
 * busiest thread.
 */
function schedSince(
  pid: number,
  before: Map<number, { run: number; wait: number }>,
  storePid: number,
  storeBefore: Map<number, { run: number; wait: number }>,
  old: ReadonlySet<number>,
  ms: number,
): string {
  const spent = (p: number, was: typeof before): Array<{ tid: number; run: number; wait: number }> =>
    [...threadSchedMs(p)].map(([tid, t]) => ({
      tid,
      run: t.run - (was.get(tid)?.run ?? 0),
      wait: t.wait - (was.get(tid)?.wait ?? 0),
    }));
  const mine = spent(pid, before);
  const busiest = (ts: typeof mine) => ts.sort((a, b) => b.run - a.run)[0];
  const line = (name: string, t: { run: number; wait: number } | undefined): string =>
    t === undefined
      ? ''
      : `${name} ${((100 * t.run) / ms).toFixed(0)}/${((100 * t.wait) / ms).toFixed(0)}/${((100 * (ms - t.run - t.wait)) / ms).toFixed(0)}`;
  return [
    line(
      'main',
      mine.find((t) => t.tid === pid),
    ),
    line('worker', busiest(mine.filter((t) => !old.has(t.tid)))),
    line('store', busiest(spent(storePid, storeBefore))),
  ]
    .filter((l) => l !== '')
    .join(', ');
}

/** How many times the thread was taken off its core while it could still run (preempted), so far. */
function preemptions(pid: number, tid: number): number {
  const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
  return Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** The machine's busy and total CPU time so far, in ms, from /proc/stat's first line (100 ticks/s). */
function machineMs(): { busy: number; total: number } {
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) * 10, total: total * 10 };
}

/** How many of the machine's cores the run kept busy on average, by whom: this process, the store, others; idle. */
function coresSince(before: { busy: number }, mineMs: number, storeMs: number, ms: number): string {
  const busy = machineMs().busy - before.busy;
  const cores = (x: number): string => (x / ms).toFixed(2);
  const others = Math.max(0, busy - mineMs - storeMs);
  const idle = Math.max(0, availableParallelism() * ms - busy);
  return `this process ${cores(mineMs)}, store ${cores(storeMs)}, others ${cores(others)}, idle ${cores(idle)}`;
}

async function main(): Promise<void> {
  const [storeDir = '', mode = 'checked', runsArg = '1'] = process.argv.slice(2);
  const fresh = !existsSync(storeDir);
  mkdirSync(storeDir, { recursive: true });
  const child = await startStore(storeDir);
  const client = EventStoreDBClient.connectionString(child.firstLine);
  const store = createLedgerStore(client);
  const dir = mkdtempSync(join(tmpdir(), 'cpu-integrity-'));
  try {
    if (fresh) await fillChained(store, Number(process.env['INTEGRITY_CATCHUP_EVENTS'] ?? 200_000), 'cpu');
    for (let run = 0; run < Number(runsArg); run += 1) {
      let monitor: IntegrityMonitor | null = null;
      const old = new Set(threadCpuMs(process.pid).keys());
      if (mode === 'checked') {
        monitor = benchMonitor(store, dir, key, logger);
        await monitor.checksStarted();
      }
      const side =
        mode === 'raw' ? null : createReadSide({ store, logger, ...(monitor === null ? {} : { integrity: monitor }) });
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      const before = threadCpuMs(process.pid);
      const storeBefore = threadCpuMs(child.pid);
      const schedBefore = threadSchedMs(process.pid);
      const storeSchedBefore = threadSchedMs(child.pid);
      const machineBefore = machineMs();
      const preemptedBefore = preemptions(process.pid, process.pid);
      const t0 = performance.now();
      let events = 0;
      if (side === null) {
        for await (const e of client.readAll({ direction: FORWARDS, fromPosition: START, maxCount: 1e15 }))
          if (e.event?.streamId.startsWith('position-')) events += 1;
      } else {
        await side.start();
        await side.projector.ready();
        events = side.index.size;
      }
      const ms = performance.now() - t0;
      const mine = cpuSince(process.pid, before, old);
      const theirs = Object.values(cpuSince(child.pid, storeBefore, new Set())).reduce((a, b) => a + b, 0);
      const total = Object.values(mine).reduce((a, b) => a + b, 0);
      const machine = coresSince(machineBefore, total, theirs, ms);
      const preempted = (((preemptions(process.pid, process.pid) - preemptedBefore) * 1000) / ms).toFixed(0);
      const sched = schedSince(process.pid, schedBefore, child.pid, storeSchedBefore, old, ms);
      const us = (ms: number): string => ((ms * 1000) / events).toFixed(1);
      const rest = Object.entries(mine)
        .filter(([, t]) => t > 0)
        .map(([g, t]) => `${g} ${us(t)}`)
        .join(', ');
      console.log(
        `${mode} load ${load}: ${events} events in ${(ms / 1000).toFixed(1)} s (${((events * 1000) / ms).toFixed(0)}/s); µs/event: process ${us(total)} [${rest}], store ${us(theirs)}, process/store ${(total / theirs).toFixed(2)}; % of wall on a core/waiting for one/blocked: ${sched}; cores busy: ${machine}; main preempted ${preempted}/s`,
      );
      await side?.stop();
      await monitor?.stop();
    }
  } finally {
    await client.dispose();
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
