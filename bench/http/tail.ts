// `npx tsx bench/http/tail.ts <data dir> [rounds=3] [views|contended|statements] [-- node flags...]`: where a keyed
// write's latency tail comes from (ADR 0057). One ledger of this tree on a copy of a DATA_DIR prepared by
// bench/http/profile.ts, with bench/http/stall-probe.mjs loaded into every thread; after a 20 s warm-up, rounds of the
// benchmark's load (10 s each, fresh subjects). For each round: the latency distribution, each thread's event-loop
// delay, its GC pauses by kind, its timer callbacks that ran long, its CPU per write (/proc), and how many of the
// slowest 1 % of requests were in flight while the API thread was in a GC pause or a long timer callback.
// The ledger's stdout (--trace-gc, when passed) goes to <copy>/stdout.log, kept when TAIL_KEEP is set. With
// TAIL_SUBJECTS=warm each round's fresh subjects first get 2 s of the load, uncounted, as the benchmark's measured
// loads do (bench/http/load.ts measureLoad); it also says when in the round the slowest 1 % began (ADR 0069).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, openSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { createWriteFixtures } from './fixtures.js';
import { ledgerEnv, waitReady } from './ledger-process.js';
import { settle } from './settle.js';
import { writeScenarios } from './scenarios.js';
import type { BenchTokens } from './prepare.js';
import { runLoad, type LoadSpec } from './load.js';
import { percentile } from '../store/measure.js';
import { threadCpuMs } from '../store/process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The tree whose ledger runs (TAIL_TREE), this one unless said. */
const tree = process.env.TAIL_TREE ?? root;
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const [dataArg, roundsArg, loadArg] = dash < 0 ? args : args.slice(0, dash);
const extraFlags = dash < 0 ? [] : args.slice(dash + 1);
if (dataArg === undefined) {
  process.stderr.write('usage: tail.ts <data dir> [rounds=3] [views|contended|statements] [-- node flags...]\n');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 3);
const loadIndex = ['views', 'contended', 'statements'].indexOf(loadArg ?? 'views');
const tokens = JSON.parse(readFileSync(join(dataArg, 'bench-tokens.json'), 'utf8')) as BenchTokens;

const copy = `/tmp/tail-${randomUUID().slice(0, 6)}`;
execFileSync('cp', ['-a', dataArg, copy]);
const probeDir = join(copy, 'probe');
mkdirSync(probeDir);
const out = openSync(join(copy, 'stdout.log'), 'w');
const child = spawn(
  process.execPath,
  [
    '--max-semi-space-size=64',
    ...extraFlags,
    '--import',
    join(root, 'bench/http/stall-probe.mjs'),
    '--import',
    'tsx',
    join(tree, 'src/cli/main.ts'),
    'serve',
  ],
  { cwd: tree, env: { ...ledgerEnv(copy), STALL_PROBE_DIR: probeDir }, stdio: ['ignore', out, 'inherit'] },
);
const pid = child.pid ?? 0;

async function listening(): Promise<string> {
  for (;;) {
    const text = readFileSync(join(copy, 'stdout.log'), 'utf8');
    const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
    if (url !== undefined) return url;
    if (child.exitCode !== null) throw new Error('the ledger exited');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Probe {
  thread: string;
  delay: { p50: number; p90: number; p99: number; max: number; mean: number; count: number };
  gc: Array<{ kind: string; ms: number; at: number }>;
  timers: Record<string, { n: number; ms: number; max: number; cpu: number; waited: number }>;
  long: Array<{ kind: string; ms: number; cpu: number; waited: number; at: number; fn: string }>;
  timings: Record<string, { n: number; p50: number; p90: number; p99: number; max: number }>;
}

/** Asks every thread for what it saw since the last call; the main thread's first. */
async function probe(): Promise<Probe[]> {
  const before = new Set(readdirSync(probeDir));
  process.kill(pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 500));
  return readdirSync(probeDir)
    .filter((f) => !before.has(f) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(probeDir, f), 'utf8')) as Probe)
    .sort((a, b) => (a.thread === 'main' ? -1 : b.thread === 'main' ? 1 : a.thread.localeCompare(b.thread)));
}

async function specFor(url: string): Promise<LoadSpec> {
  const scenario = writeScenarios(await createWriteFixtures(url, tokens), tokens, false)[loadIndex];
  if (scenario === undefined) throw new Error('unknown load');
  return scenario.spec;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const f1 = (x: number): string => x.toFixed(1);

/** TAIL_SUBJECTS=warm: each round's subjects get 2 s of the load first (uncounted), as the benchmark's measureLoad. */
const warmSubjects = process.env.TAIL_SUBJECTS === 'warm';

async function round(url: string, seconds: number, label: string): Promise<void> {
  const spec = await specFor(url);
  if (warmSubjects) {
    await settle(pid);
    await runLoad(url, spec, 2, { sent: () => undefined, answered: () => undefined });
  }
  await settle(pid);
  await probe();
  const cpu0 = threadCpuMs(pid);
  const load0 = loadavg()[0] ?? 0;
  const requests: Array<{ end: number; ms: number }> = [];
  const t0 = performance.now();
  await runLoad(url, spec, seconds, {
    sent: () => undefined,
    answered(status, ms) {
      if (status >= 200 && status < 300) requests.push({ end: performance.timeOrigin + performance.now(), ms });
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const probes = await probe();
  await settle(pid);
  const cpu1 = threadCpuMs(pid);
  const ok = requests.length;
  const latencies = requests.map((r) => r.ms).sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  const cpu = (tid: number): number => (((cpu1.get(tid)?.ms ?? 0) - (cpu0.get(tid)?.ms ?? 0)) * 1000) / ok;
  const others = [...cpu1.keys()]
    .filter((t) => t !== pid)
    .map(cpu)
    .sort((a, b) => b - a);
  console.log(
    `${label}: ${(ok / wall).toFixed(0)}/s p50 ${f1(percentile(latencies, 50))} p90 ${f1(percentile(latencies, 90))} p99 ${f1(p99)} max ${f1(latencies.at(-1) ?? 0)} ms | µs/write API ${cpu(pid).toFixed(0)} next ${others
      .slice(0, 3)
      .map((x) => x.toFixed(0))
      .join(' ')} | load ${f1((load0 + (loadavg()[0] ?? 0)) / 2)}`,
  );
  for (const p of probes) {
    const byKind = new Map<string, number[]>();
    for (const g of p.gc) byKind.set(g.kind, [...(byKind.get(g.kind) ?? []), g.ms]);
    const gc = [...byKind]
      .map(([k, ms]) => `${k} ${ms.length}× sum ${f1(sum(ms))} max ${f1(Math.max(...ms))}`)
      .join(', ');
    console.log(
      `  ${p.thread}: delay p50 ${f1(p.delay.p50)} p99 ${f1(p.delay.p99)} max ${f1(p.delay.max)} ms | gc ${gc || 'none'} | long timers ${p.long.length} (${f1(sum(p.long.map((l) => l.ms)))} ms)`,
    );
    for (const [name, t] of Object.entries(p.timings))
      console.log(`    ${name}: ${t.n}× p50 ${f1(t.p50)} p90 ${f1(t.p90)} p99 ${f1(t.p99)} max ${f1(t.max)} ms`);
    for (const [name, t] of Object.entries(p.timers).slice(0, 4))
      console.log(
        `    timer ${t.n}× ${f1(t.ms)} ms (max ${f1(t.max)}; on a core ${f1(t.cpu)}, waiting for one ${f1(t.waited)}, blocked ${f1(t.ms - t.cpu - t.waited)}): ${name.slice(0, 100)}`,
      );
  }
  // The slowest 1 %: in flight during a pause of the API thread?
  const main = probes.find((p) => p.thread === 'main');
  if (main === undefined) return;
  const pauses = [
    ...main.gc.map((g) => ({ what: g.kind, from: g.at, to: g.at + g.ms })),
    ...main.long.map((l) => ({ what: 'timer', from: l.at, to: l.at + l.ms })),
  ];
  const slow = requests.filter((r) => r.ms >= p99);
  const hit = new Map<string, number>();
  let none = 0;
  for (const r of slow) {
    const inFlight = pauses.filter((p) => p.to >= r.end - r.ms && p.from <= r.end);
    if (inFlight.length === 0) none += 1;
    for (const what of new Set(inFlight.map((p) => p.what))) hit.set(what, (hit.get(what) ?? 0) + 1);
    const paused = sum(inFlight.map((p) => p.to - p.from));
    hit.set('pausedMs', (hit.get('pausedMs') ?? 0) + paused);
  }
  // When in the round the slowest began: a burst at its start (32 connections opened at once) or spread over it.
  const start = performance.timeOrigin + t0;
  const began = slow.map((r) => (r.end - r.ms - start) / 1000);
  const early = began.filter((s) => s < 1).length;
  const fast = requests.filter((r) => r.ms < percentile(latencies, 50));
  let fastPaused = 0;
  for (const r of fast)
    fastPaused += sum(pauses.filter((p) => p.to >= r.end - r.ms && p.from <= r.end).map((p) => p.to - p.from));
  console.log(
    `  slowest 1 % (${slow.length}): in flight during ${[...hit]
      .filter(([k]) => k !== 'pausedMs')
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; none ${none}; began in the round's first second ${early}, by second ${[
      ...Array(Math.ceil(wall)).keys(),
    ]
      .map((i) => began.filter((s) => Math.floor(s) === i).length)
      .join(
        ' ',
      )}; mean pause overlapped ${f1((hit.get('pausedMs') ?? 0) / Math.max(1, slow.length))} ms (the faster half: ${f1(fastPaused / Math.max(1, fast.length))} ms)`,
  );
}

try {
  const url = await listening();
  await waitReady(url, { warmed: true });
  await round(url, 20, 'warm-up');
  for (let i = 0; i < rounds; i += 1) await round(url, 10, `round ${i + 1}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (process.env.TAIL_KEEP === undefined) rmSync(copy, { recursive: true, force: true });
  else console.log(`kept ${copy}`);
}
