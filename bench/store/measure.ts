// Small statistics and measuring helpers for the benchmarks.
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export async function timed(action: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

/** Runs `action` repeatedly until `durationMs` has passed; returns how many times it completed. */
export async function repeatFor(durationMs: number, action: () => Promise<unknown>): Promise<number> {
  const until = performance.now() + durationMs;
  let done = 0;
  while (performance.now() < until) {
    await action();
    done += 1;
  }
  return done;
}

/** A GC pause of this thread: from `start` to `end`, in performance.now() milliseconds. */
export interface GcPause {
  start: number;
  end: number;
}

/** Starts noting this thread's GC pauses; `stop()` resolves with those seen meanwhile. */
export function watchGcPauses(): { stop(): Promise<GcPause[]> } {
  const pauses: GcPause[] = [];
  const note = (entries: PerformanceEntry[]): void => {
    for (const e of entries) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  };
  const observer = new PerformanceObserver((list) => note(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // Node makes a pause's entry in a later turn than the pause, and hands it to observers in a turn after that:
      // after a synchronous stretch, one turn is not enough (measured: 0 of 12 pauses seen after one, all after two).
      for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      note(observer.takeRecords());
      observer.disconnect();
      return pauses;
    },
  };
}
