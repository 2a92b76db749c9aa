// Figures: full replay through every projection vs the store's raw replay rate (same run, same
// store), and restart-to-ready of the read side from its index file. The store runs in its own process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { pino } from 'pino';
import type { Benchmark, BenchResult } from '../report.js';
import { median, timed, watchGcPauses } from '../store/measure.js';
import { procStatusBytes, startStore } from '../store/process.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { replayAll } from '../../src/read/replay.js';
import { createReadModels } from '../../src/read/read-models.js';
import { createReadSide } from '../../src/read/read-side.js';
import { asOfFor, type AsOf } from '../../projections/index.js';
import { benchEvents, fillLedger } from './ledger-events.js';

const RUNS = 3;

/** Each measurement starts from a collected heap, so it does not pay for the garbage of the one before
 * (a full replay leaves ~1.5 GB of it at 1M events). `npm run bench` runs node with --expose-gc. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}
const MiB = 2 ** 20;

/** CPU time (user + system) of this process's main thread so far, in ms (/proc, 100 ticks/s). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function rawReplay(client: EventStoreDBClient): Promise<number> {
  let n = 0;
  for await (const e of client.readAll({
    direction: FORWARDS,
    fromPosition: START,
    maxCount: Number.MAX_SAFE_INTEGER,
  })) {
    if (e.event !== undefined && e.event.streamId.startsWith('position-')) n += 1;
  }
  return n;
}

interface LiveFigures {
  buildMs: number;
  restartMs: number;
  firstAnswerMs: number;
  warmUpMs: number;
  allIssuesMs: number;
  auditReplayMs: number;
  auditCompareMs: number;
  auditStallMs: number;
  auditStallP99Ms: number;
  auditGcMaxMs: number;
  auditGcPauses: number;
  auditMainCpuMs: number;
  auditHeap: number;
  liveRss: number;
}

/** The first start builds the index file (a full catch-up through the projector); the second start is the restart. */
async function liveReadSide(
  ledger: LedgerStore,
  storeConnection: string,
  dir: string,
  now: AsOf,
  log: (m: string) => void,
): Promise<LiveFigures> {
  const logger = pino({ level: 'warn' });
  const first = createReadSide({ store: ledger, logger, dataDir: dir });
  const buildMs = await timed(async () => {
    await first.start();
    await first.projector.ready();
  });
  await first.stop();
  log(`projector catch-up from 0 writing its index file: ${(buildMs / 1000).toFixed(1)} s`);
  const second = createReadSide({ store: ledger, logger, dataDir: dir, storeConnection });
  const restartMs = await timed(async () => {
    await second.start();
    await second.projector.ready();
  });
  const indexed = second.index.size;
  const issues = second.index.idsOf('issue');
  const someIssue = issues[Math.floor(Math.random() * issues.length)] ?? '';
  let answered = false;
  const firstAnswerMs = await timed(async () => {
    answered = second.models.position(someIssue, now) !== null;
  });
  if (!answered) throw new Error(`no position for ${someIssue} after the restart`);
  // Meanwhile the read side warms in the background (every issue folded, a slice at a time); once
  // it has, every issue's position (GET /v1/positions) comes from cached folds.
  const warmUpMs = await timed(() => second.warmed());
  let listed = 0;
  const allIssuesMs = await timed(async () => {
    listed = second.models.positions(now).length;
  });
  log(
    `after the restart: warm-up ${(warmUpMs / 1000).toFixed(2)} s, then all ${listed} positions in ${allIssuesMs.toFixed(0)} ms`,
  );

  // What POST /v1/audit/replay runs beside the live read side (read.replays, one at a time, in a
  // worker thread as the server runs it): rebuild into a scratch index file, then compare subject by
  // subject with the live side as of that position. The event loop's longest stall meanwhile is what
  // a request to the server (a /healthz probe) could have waited for at worst.
  // The server thread's own GC pauses meanwhile tell a stall that is GC from one that is waiting for a CPU.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  const gc = watchGcPauses();
  const cpuBefore = mainThreadCpuMs();
  stalls.enable();
  const report = await second.replays.run(now, 'top-secret');
  stalls.disable();
  const gcPauses = await gc.stop();
  const auditGcMaxMs = Math.max(0, ...gcPauses.map((p) => p.end - p.start));
  const auditMainCpuMs = mainThreadCpuMs() - cpuBefore;
  const { rebuildMs: auditReplayMs, compareMs: auditCompareMs } = report;
  const auditStallMs = stalls.max / 1e6;
  const auditStallP99Ms = stalls.percentile(99) / 1e6;
  if (!report.equal) throw new Error(`the audit replay found ${report.differences.length} differences`);
  collectGarbage();
  const auditHeap = process.memoryUsage().heapUsed;
  log(
    `audit replay: rebuild into a scratch file ${(auditReplayMs / 1000).toFixed(1)} s, compare ${(auditCompareMs / 1000).toFixed(1)} s, longest event-loop stall ${auditStallMs.toFixed(1)} ms (p99 ${auditStallP99Ms.toFixed(1)} ms; the thread's GC meanwhile: ${gcPauses.length} pauses, the longest ${auditGcMaxMs.toFixed(1)} ms), the server thread's CPU meanwhile ${(auditMainCpuMs / 1000).toFixed(1)} s, heap afterwards ${(auditHeap / MiB).toFixed(0)} MiB`,
  );
  await second.stop();
  const liveRss = procStatusBytes(process.pid, 'VmHWM');
  log(
    `restart to ready with ${indexed} events: ${(restartMs / 1000).toFixed(2)} s; first answer ${firstAnswerMs.toFixed(1)} ms; peak RSS so far ${(liveRss / MiB).toFixed(0)} MiB`,
  );
  return {
    buildMs,
    restartMs,
    firstAnswerMs,
    warmUpMs,
    allIssuesMs,
    liveRss,
    auditReplayMs,
    auditCompareMs,
    auditStallMs,
    auditStallP99Ms,
    auditGcMaxMs,
    auditGcPauses: gcPauses.length,
    auditMainCpuMs,
    auditHeap,
  };
}

export const replayRestart: Benchmark = {
  id: 'replay-restart',
  title: 'Read side: full replay and restart',
  async run(log): Promise<BenchResult> {
    const total = benchEvents();
    const dir = mkdtempSync(join(tmpdir(), 'bench-read-'));
    const store = await startStore(join(dir, 'store'));
    const client = EventStoreDBClient.connectionString(store.firstLine);
    try {
      await fillLedger(client, total, log);
      const ledger = createLedgerStore(client);
      const now = asOfFor('valid', new Date().toISOString());

      // The live read side first, while this process holds nothing else. In its own function, so
      // none of it stays reachable from here while the full replays run.
      const {
        buildMs,
        restartMs,
        firstAnswerMs,
        warmUpMs,
        allIssuesMs,
        liveRss,
        auditReplayMs,
        auditCompareMs,
        auditStallMs,
        auditStallP99Ms,
        auditGcMaxMs,
        auditGcPauses,
        auditMainCpuMs,
        auditHeap,
      } = await liveReadSide(ledger, store.firstLine, dir, now, log);

      const raw: number[] = [];
      const full: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        let count = 0;
        collectGarbage();
        const rawMs = await timed(async () => {
          count = await rawReplay(client);
        });
        raw.push(count / (rawMs / 1000));
        collectGarbage();
        const fullMs = await timed(async () => {
          const result = await replayAll(ledger);
          const models = createReadModels(result.index);
          models.positions(now);
          models.alignment(now);
          for (const id of result.index.idsOf('issue')) models.history(id, now);
          count = result.events;
        });
        full.push(count / (fullMs / 1000));
        log(
          `run ${run + 1}: raw ${raw.at(-1)?.toFixed(0)} events/s, through projections ${full.at(-1)?.toFixed(0)} events/s`,
        );
      }
      const rawRate = median(raw);
      const fullRate = median(full);
      // Each run reads raw and then through the projections back to back: the ratio of one run is
      // the least sensitive to the machine's load drifting between runs.
      const ratio = median(full.map((f, i) => f / (raw[i] ?? Number.NaN)));
      const replayRss = procStatusBytes(process.pid, 'VmHWM');
      const label = total >= 1_000_000 ? `${total / 1_000_000}M` : `${total / 1000}k`;
      return {
        id: 'replay-restart',
        title: 'Read side: full replay and restart',
        figures: [
          { name: `raw replay through the client (${label} ledger events)`, value: rawRate, unit: 'events/s' },
          {
            name: 'full replay through every projection (adapter, parse, index, fold every issue)',
            value: fullRate,
            unit: 'events/s',
          },
          { name: 'through projections / raw (median of the per-run ratios)', value: ratio, unit: '×' },
          {
            name: `projector catch-up from position 0, writing its index file (${label})`,
            value: buildMs / 1000,
            unit: 's',
          },
          { name: `restart to ready from the index file (${label})`, value: restartMs / 1000, unit: 's' },
          {
            name: 'after the restart: first answer for a random issue (read back from the file)',
            value: firstAnswerMs,
            unit: 'ms',
          },
          {
            name: 'after the restart: background warm-up, ready to its end (every issue folded from the file)',
            value: warmUpMs / 1000,
            unit: 's',
          },
          { name: "then every issue's position (GET /v1/positions)", value: allIssuesMs, unit: 'ms' },
          {
            name: 'audit replay (POST /v1/audit/replay) beside the live read side: rebuild into a scratch index file',
            value: auditReplayMs / 1000,
            unit: 's',
          },
          {
            name: 'audit replay: compare with the live read models, subject by subject',
            value: auditCompareMs / 1000,
            unit: 's',
          },
          {
            name: 'audit replay: longest event-loop stall during it (monitorEventLoopDelay, max; includes waiting for a CPU)',
            value: auditStallMs,
            unit: 'ms',
          },
          { name: 'audit replay: event-loop delay during it, p99', value: auditStallP99Ms, unit: 'ms' },
          { name: "audit replay: the server thread's longest GC pause during it", value: auditGcMaxMs, unit: 'ms' },
          { name: "audit replay: the server thread's GC pauses during it", value: auditGcPauses, unit: '' },
          {
            name: "audit replay: the server thread's own CPU time during it (the worker thread works)",
            value: auditMainCpuMs / 1000,
            unit: 's',
          },
          {
            name: 'bench process heap after the audit replay (live read side warmed, after a full GC)',
            value: auditHeap / MiB,
            unit: 'MiB',
          },
          {
            name: 'bench process peak RSS after filling the store, catch-up, restart, warm-up and the audit replay (VmHWM)',
            value: liveRss / MiB,
            unit: 'MiB',
          },
          {
            name: 'bench process peak RSS after the in-memory full replays (VmHWM)',
            value: replayRss / MiB,
            unit: 'MiB',
          },
        ],
        verdicts: [
          { target: 'full replay through projections >= 0.7 × raw replay', met: ratio >= 0.7 },
          { target: `restart to ready < 10 s (${label} events)`, met: restartMs < 10_000 },
          { target: 'the event loop never blocks longer than 50 ms during an audit replay', met: auditStallMs <= 50 },
        ],
        notes: [
          `${label} events (READ_BENCH_EVENTS), 100 per issue, store in its own process (file mode); median of ${RUNS} runs for the rates`,
          'the live read side (index file under the data dir, ADR 0010) is built and restarted before the full replays; a full replay builds a scratch index in memory',
          'the audit replay runs as the server runs it: in a worker thread with its own store connection (ADR 0013); on 2 cores the worker, the store process and the server thread share the CPUs, so a stall of the server thread is mostly time spent waiting for one (its own CPU time is the figure beside it)',
          `bench process V8 flags: ${process.execArgv.filter((a) => a.startsWith('--max-semi-space-size') || a === '--expose-gc').join(' ') || 'none'} (npm start and npm run ledger run with --max-semi-space-size=64 too); the raw and the full replay run in this same process, each after a full garbage collection`,
        ],
      };
    } finally {
      await client.dispose().catch(() => undefined);
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
