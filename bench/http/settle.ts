// Between loads the server must be idle: when autocannon stops, requests still in flight are
// abandoned by the client but not by the server, which runs their handlers on (32 × a few seconds
// for GET /v1/positions at 1M events). The next load, or the CPU reading, waits for that.
import { procCpuMs } from '../store/process.js';

const WINDOW_MS = 500;
/** Idle: under a tenth of a core over the window (/proc counts CPU in 10 ms ticks). */
const IDLE_CPU_MS = WINDOW_MS / 10;

const sleep = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once process `pid` has been idle for a window (or after `maxMs`); returns how long that took.
 * `baselineCpuMs`: what the process spends per window when it has nothing to do (a profiler's sampling thread does);
 * idle is then under that plus a tenth of a core.
 */
export async function settle(pid: number, baselineCpuMs = 0, maxMs = 20 * 60_000): Promise<number> {
  const t0 = performance.now();
  let before = procCpuMs(pid);
  for (;;) {
    await sleep(WINDOW_MS);
    const now = procCpuMs(pid);
    if (now - before < baselineCpuMs + IDLE_CPU_MS || performance.now() - t0 > maxMs) return performance.now() - t0;
    before = now;
  }
}

/** The least CPU process `pid` spent in one window over `windows` windows: its cost of doing nothing, ms. */
export async function idleBaseline(pid: number, windows = 6): Promise<number> {
  let least = Infinity;
  let before = procCpuMs(pid);
  for (let i = 0; i < windows; i += 1) {
    await sleep(WINDOW_MS);
    const now = procCpuMs(pid);
    least = Math.min(least, now - before);
    before = now;
  }
  return least;
}
