// Small statistics helpers for the store benchmarks.

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
