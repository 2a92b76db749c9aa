// The load generator's own process (generator.ts starts it): autocannon, run on the parent's word, with nothing
// else in its heap. In the benchmark's process it shared an isolate with the benchmark's bookkeeping (a heap of
// 70-200 MB, V8 flags for the in-process replays), whose garbage collections stopped the generator's clock with
// answers waiting in its sockets: 13-15 ms mark-compacts and their incremental steps counted into the latencies of
// every request in flight (ADR 0072).
import { percentile } from '../store/measure.js';
import { runLoad } from './load.js';
import { parseGeneratorOrder, type GeneratorResult } from './generator.js';

const send = (message: unknown): void => {
  process.send?.(message);
};

process.on('message', (raw: unknown) => {
  const order = parseGeneratorOrder(raw);
  if (order === undefined) return;
  if (order.type === 'close') {
    process.disconnect();
    return;
  }
  void (async () => {
    const latencies: number[] = [];
    const otherStatuses: Record<string, number> = {};
    let sent = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { paths, ...rest } = order.spec;
    const result = await runLoad(
      order.url,
      { ...rest, pathFor: (i) => paths[i % paths.length] ?? '/' },
      order.seconds,
      {
        sent: () => (sent += 1),
        answered(status, ms) {
          if (status >= 200 && status < 300) latencies.push(ms);
          else otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
        },
      },
    );
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const done: GeneratorResult = {
      ok: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      sent,
      otherStatuses,
      errors: result.errors,
      durationSeconds: result.duration,
      busy: (cpu.user + cpu.system) / 1000 / wallMs,
    };
    send({ type: 'done', result: done });
  })().catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
send({ type: 'ready' });
