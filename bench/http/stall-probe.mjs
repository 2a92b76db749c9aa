// Loaded into the ledger with `--import` by bench/http/tail.ts: in the main thread (and in any worker that loads it
// too; the ledger's workers, started from eval'd code, do not), what stalls its event loop between two SIGUSR2 sent
// to the process (the main thread relays them to workers over a BroadcastChannel):
// the event-loop delay (monitorEventLoopDelay, 1 ms resolution), the GC pauses by kind, and every timer callback
// that ran long (setTimeout / setInterval / setImmediate callbacks timed, named by their function and source).
// Each thread writes what it saw since the last signal to `$STALL_PROBE_DIR/<pid>-<thread>-<n>.json` and starts over.
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import { monitorEventLoopDelay, PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { join } from 'node:path';
import { Session } from 'node:inspector';

const dir = process.env.STALL_PROBE_DIR;
if (dir !== undefined) {
  const LONG_MS = Number(process.env.STALL_PROBE_LONG_MS ?? 2);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
  };
  let gc = [];
  let timers = new Map();
  let long = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gc.push({
        kind: kinds[entry.detail?.kind] ?? String(entry.detail?.kind),
        ms: entry.duration,
        at: performance.timeOrigin + entry.startTime,
      });
  });
  observer.observe({ entryTypes: ['gc'] });

  // This thread's time on a core and waiting for one, ns (/proc/thread-self/schedstat): a long callback's wall time
  // splits into running, waiting for a core (another process had it) and blocked (I/O, locks).
  const sched = () => {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return [Number(run), Number(wait)];
  };
  const nameOf = (fn) => `${fn.name || 'anonymous'}: ${String(fn).slice(0, 160).replace(/\s+/g, ' ')}`;
  const timed = (fn, kind) =>
    typeof fn !== 'function'
      ? fn
      : function (...args) {
          const [run0, wait0] = sched();
          const t0 = performance.now();
          try {
            return fn.apply(this, args);
          } finally {
            const ms = performance.now() - t0;
            const [run1, wait1] = sched();
            const cpu = (run1 - run0) / 1e6;
            const waited = (wait1 - wait0) / 1e6;
            if (ms >= 0.2) {
              const key = `${kind} ${nameOf(fn)}`;
              const t = timers.get(key) ?? { n: 0, ms: 0, max: 0, cpu: 0, waited: 0 };
              t.n += 1;
              t.ms += ms;
              t.cpu += cpu;
              t.waited += waited;
              t.max = Math.max(t.max, ms);
              timers.set(key, t);
            }
            if (ms >= LONG_MS) long.push({ kind, ms, cpu, waited, at: performance.timeOrigin + t0, fn: nameOf(fn) });
          }
        };
  for (const kind of ['setTimeout', 'setInterval', 'setImmediate']) {
    const original = globalThis[kind];
    globalThis[kind] = function (fn, ...rest) {
      return original.call(this, timed(fn, kind), ...rest);
    };
  }

  // STALL_PROBE_HEAP=1: V8's sampling heap profiler in the main thread too (collected objects included), its profile
  // written beside each dump as <pid>-main-<n>.heapprofile. STALL_PROBE_HEAP=live: only what is still alive at the
  // dump, after a full GC there (needs --expose-gc): what the window's allocation left kept, by where it was allocated.
  const heapMode = isMainThread ? process.env.STALL_PROBE_HEAP : undefined;
  const heap = heapMode === '1' || heapMode === 'live' ? new Session() : undefined;
  const sampling = () =>
    heap?.post('HeapProfiler.startSampling', {
      samplingInterval: 8192,
      includeObjectsCollectedByMajorGC: heapMode === '1',
      includeObjectsCollectedByMinorGC: heapMode === '1',
    });
  if (heap !== undefined) {
    heap.connect();
    heap.post('HeapProfiler.enable');
    sampling();
  }
  // What the ledger's own code timed, when a diagnostic build of it pushes [name, ms] pairs to globalThis.__diag.
  if (isMainThread && process.env.STALL_PROBE_DIAG === '1') globalThis.__diag = [];
  const timings = () => {
    const byName = new Map();
    for (const [name, ms] of globalThis.__diag ?? []) byName.set(name, [...(byName.get(name) ?? []), ms]);
    if (globalThis.__diag !== undefined) globalThis.__diag = [];
    const at = (xs, q) => xs[Math.min(xs.length - 1, Math.floor((q / 100) * xs.length))];
    return Object.fromEntries(
      [...byName].map(([name, xs]) => {
        xs.sort((a, b) => a - b);
        return [name, { n: xs.length, p50: at(xs, 50), p90: at(xs, 90), p99: at(xs, 99), max: xs.at(-1) }];
      }),
    );
  };
  let n = 0;
  const dump = () => {
    const k = n;
    if (heapMode === 'live') globalThis.gc?.();
    heap?.post('HeapProfiler.stopSampling', (error, result) => {
      if (error === null)
        writeFileSync(join(dir, `${process.pid}-main-${k}.heapprofile`), JSON.stringify(result.profile));
      sampling();
    });
    const ms = (v) => v / 1e6;
    const out = {
      thread: isMainThread ? 'main' : `worker-${threadId}`,
      delay: {
        p50: ms(delay.percentile(50)),
        p90: ms(delay.percentile(90)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
        count: delay.count,
      },
      gc,
      timers: Object.fromEntries([...timers].sort((a, b) => b[1].ms - a[1].ms)),
      long,
      timings: timings(),
      now: performance.now(),
    };
    writeFileSync(join(dir, `${process.pid}-${out.thread}-${n}.json`), JSON.stringify(out));
    n += 1;
    delay.reset();
    gc = [];
    timers = new Map();
    long = [];
  };
  const channel = new BroadcastChannel('stall-probe');
  channel.unref();
  if (isMainThread)
    process.on('SIGUSR2', () => {
      channel.postMessage('dump');
      dump();
    });
  else channel.onmessage = () => dump();
}
