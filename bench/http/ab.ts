// `npx tsx bench/http/ab.ts <data dir> <tree A> <tree B> [rounds] [load]`: two source trees of the ledger compared
// by CPU per request, per thread (ADR 0052, 0055). Each tree serves its own copy of a DATA_DIR prepared by
// bench/http/profile.ts; after a warm-up long enough for V8 to finish compiling the write path (20 s), the two take
// turns under the same load (A B B A ...), each round on fresh subjects, and every thread's CPU is read from
// /proc/<pid>/task/*/stat before and after (the ledger idle again), so a thread waiting for a core is not counted.
// Threads are all named "node": the API thread is the process's own, the rest are ranked by the CPU they used.
// AB_FLAGS_A / AB_FLAGS_B: Node flags added for that tree's ledger (space-separated, after `npm start`'s), to compare
// V8 settings on one tree (ADR 0057). With AB_LOOP_DELAY=<dir>, each round also says the API thread's event-loop
// delay under the load (p99 / max, ms: loop-delay.mjs, preloaded into both ledgers; ADR 0056).
// With AB_SUBJECTS=kept, each ledger writes to one set of subjects from its warm-up on, a long-lived ledger whose
// consultations grow by some hundreds of events a round (the write side's kept stream reads past their bound:
// ADR 0061), instead of fresh ones every round.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { createWriteFixtures } from './fixtures.js';
import { startLedger, waitReady } from './ledger-process.js';
import { settle } from './settle.js';
import { writeScenarios } from './scenarios.js';
import type { BenchTokens } from './prepare.js';
import { runLoad, type LoadSpec } from './load.js';
import { percentile } from '../store/measure.js';
import { threadCpuMs } from '../store/process.js';

const [dataArg, treeA, treeB, roundsArg, loadArg] = process.argv.slice(2);
if (dataArg === undefined || treeA === undefined || treeB === undefined) {
  process.stderr.write('usage: ab.ts <data dir> <tree A> <tree B> [rounds=4] [views|contended|statements]\n');
  process.exit(2);
}
const dataDir: string = dataArg;
const rounds = Number(roundsArg ?? 4);
const loadIndex = ['views', 'contended', 'statements'].indexOf(loadArg ?? 'views');
const tokens = JSON.parse(readFileSync(join(dataDir, 'bench-tokens.json'), 'utf8')) as BenchTokens;
const loopDelayDir = process.env['AB_LOOP_DELAY'];
const keptSubjects = process.env['AB_SUBJECTS'] === 'kept';
const loopDelayFlags =
  loopDelayDir === undefined ? [] : ['--import', fileURLToPath(new URL('./loop-delay.mjs', import.meta.url))];

interface Ledger {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
  /** The load on its kept subjects (AB_SUBJECTS=kept), once created. */
  spec?: LoadSpec;
}

/** A ledger of `tree` on its own copy of the prepared data directory, removed when it stops. */
async function start(name: string, tree: string): Promise<Ledger> {
  const copy = `/tmp/ab-${name}-${randomUUID().slice(0, 6)}`;
  execFileSync('cp', ['-a', dataDir, copy]);
  const flags = (process.env[`AB_FLAGS_${name}`] ?? '').split(' ').filter((f) => f !== '');
  const ledger = await startLedger(copy, [...loopDelayFlags, ...flags], tree);
  return {
    name,
    pid: ledger.pid,
    url: ledger.url,
    stop: async () => {
      await ledger.stop();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** Runs `spec` for `seconds`: the 2xx answers and their latencies, ms. */
async function load(url: string, spec: LoadSpec, seconds: number): Promise<{ ok: number; latencies: number[] }> {
  const latencies: number[] = [];
  await runLoad(url, spec, seconds, {
    sent: () => undefined,
    answered(status, ms) {
      if (status >= 200 && status < 300) latencies.push(ms);
    },
  });
  return { ok: latencies.length, latencies };
}

async function specFor(ledger: Ledger): Promise<LoadSpec> {
  if (ledger.spec !== undefined) return ledger.spec;
  const fixtures = await createWriteFixtures(ledger.url, tokens);
  const scenario = writeScenarios(fixtures, tokens, false)[loadIndex];
  if (scenario === undefined) throw new Error('unknown load');
  if (keptSubjects) ledger.spec = scenario.spec;
  return scenario.spec;
}

interface Round {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  main: number;
  others: number[];
  total: number;
  load: number;
  /** The API thread's event-loop delay during the load, ms (with AB_LOOP_DELAY). */
  loopDelay: { p99: number; max: number } | null;
}

/** What loop-delay.mjs saw since it was last asked (null without AB_LOOP_DELAY). */
async function loopDelay(pid: number): Promise<{ p99: number; max: number } | null> {
  if (loopDelayDir === undefined) return null;
  const file = join(loopDelayDir, `loop-delay-${pid}.json`);
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  // The file may be seen before its text is written: read it again until it parses.
  for (let i = 0; i < 100; i += 1) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text !== '') return JSON.parse(text) as { p99: number; max: number };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

async function round(ledger: Ledger, seconds: number): Promise<Round> {
  const spec = await specFor(ledger);
  await settle(ledger.pid);
  const before = threadCpuMs(ledger.pid);
  const load0 = loadavg()[0] ?? 0;
  await loopDelay(ledger.pid);
  const t0 = performance.now();
  const { ok, latencies } = await load(ledger.url, spec, seconds);
  const wall = (performance.now() - t0) / 1000;
  const delay = await loopDelay(ledger.pid);
  await settle(ledger.pid);
  const after = threadCpuMs(ledger.pid);
  const per = (tid: number): number => (((after.get(tid)?.ms ?? 0) - (before.get(tid)?.ms ?? 0)) * 1000) / ok;
  const others = [...after.keys()]
    .filter((t) => t !== ledger.pid)
    .map(per)
    .sort((a, b) => b - a);
  latencies.sort((a, b) => a - b);
  const main = per(ledger.pid);
  return {
    name: ledger.name,
    rate: ok / wall,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    main,
    others,
    total: main + others.reduce((a, b) => a + b, 0),
    load: (load0 + (loadavg()[0] ?? 0)) / 2,
    loopDelay: delay,
  };
}

const show = (r: Round): string =>
  `${r.name} ${r.rate.toFixed(0)}/s p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} ms | µs/write: total ${r.total.toFixed(0)} API ${r.main.toFixed(0)} next ${r.others
    .slice(0, 3)
    .map((x) => x.toFixed(0))
    .join(' ')} rest ${r.others
    .slice(3)
    .reduce((a, b) => a + b, 0)
    .toFixed(0)} | load ${r.load.toFixed(1)}${
    r.loopDelay === null ? '' : ` | loop delay p99 ${r.loopDelay.p99} max ${r.loopDelay.max} ms`
  }`;

const a = await start('A', treeA);
const b = await start('B', treeB);
try {
  await waitReady(a.url, { warmed: true });
  await waitReady(b.url, { warmed: true });
  for (const ledger of [a, b]) console.log(`warm-up ${show(await round(ledger, 20))}`);
  const results: Round[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const order = i % 2 === 0 ? [a, b] : [b, a];
    for (const ledger of order) {
      const r = await round(ledger, 10);
      results.push(r);
      console.log(show(r));
    }
  }
  for (const name of ['A', 'B']) {
    const mine = results.filter((r) => r.name === name);
    const mean = (f: (r: Round) => number): number => mine.reduce((s, r) => s + f(r), 0) / mine.length;
    console.log(
      `${name} mean: ${mean((r) => r.rate).toFixed(0)}/s p99 ${mean((r) => r.p99).toFixed(1)} ms, total ${mean((r) => r.total).toFixed(0)} µs, API ${mean((r) => r.main).toFixed(0)} µs, second thread ${mean((r) => r.others[0] ?? 0).toFixed(0)} µs`,
    );
  }
} finally {
  await a.stop();
  await b.stop();
}
