// Preloaded into a benchmark ledger (`node --import`) by bench/http/ab.ts when AB_LOOP_DELAY is set: the API
// thread's event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution). On SIGUSR2 it writes what it saw
// since the last signal to <AB_LOOP_DELAY>/loop-delay-<pid>.json (ms) and starts again.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.AB_LOOP_DELAY;
if (isMainThread && dir !== undefined && dir !== '') {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.on('SIGUSR2', () => {
    const seen = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
    };
    writeFileSync(join(dir, `loop-delay-${process.pid}.json`), JSON.stringify(seen));
    histogram.reset();
  });
}
