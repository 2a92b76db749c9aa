// Between loads the server must be idle: when autocannon stops, requests still in flight are
// abandoned by the client but not by the server, which runs their handlers on (32 × a few seconds
// for GET /v1/positions at 1M events). The next load, or the CPU reading, waits for that.
import { procCpuMs } from '../store/process.js';

const WINDOW_MS = 500;
/** Idle: under a tenth of a core over the window (/proc counts CPU in 10 ms ticks). */
const IDLE_CPU_MS = WINDOW_MS / 10;

/** Resolves once process `pid` has been idle for a window (or after `maxMs`); returns how long that took. */
export async function settle(pid: number, maxMs = 20 * 60_000): Promise<number> {
  const t0 = performance.now();
  let before = procCpuMs(pid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const now = procCpuMs(pid);
    if (now - before < IDLE_CPU_MS || performance.now() - t0 > maxMs) return performance.now() - t0;
    before = now;
  }
}
