// `npx tsx bench/http/ab-reads.ts <dir> <rounds> <seconds> <tree>...`: one read's CPU per request in ledgers of several
// source trees (a tree per commit to compare: `git archive <commit> | tar -x -C <tree>`, node_modules linked),
// measured in alternating rounds in the same minutes, with the bare floor server in every round. The judge for a
// change to the read path on a shared machine (the briefing): ratios swing with the load, CPU per request much less.
// <dir> is a DATA_DIR prepared by bench/http/profile.ts; each tree's ledger runs on its own copy of it. The read is
// GET one position, or the one named by AB_READ (one, all, history, alignment, brief, consultation).
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { median, percentile } from '../store/measure.js';
import { procCpuMs, startChild, threadCpuMs } from '../store/process.js';
import { captureReads } from './capture.js';
import { call } from './fixtures.js';
import { startLedger, waitReady } from './ledger-process.js';
import { runLoad } from './load.js';
import type { BenchTokens } from './prepare.js';
import { readScenarios } from './scenarios.js';
import { settle } from './settle.js';

const [dirArg, roundsArg, secondsArg, ...trees] = process.argv.slice(2);
if (dirArg === undefined || trees.length === 0) {
  process.stderr.write('usage: ab-reads.ts <data dir prepared by profile.ts> <rounds> <seconds> <tree>...\n');
  process.exit(2);
}
const dir = resolve(dirArg);
const rounds = Number(roundsArg);
const seconds = Number(secondsArg);
const READS = ['one', 'all', 'history', 'alignment', 'brief', 'consultation'];
const readIndex = READS.indexOf(process.env['AB_READ'] ?? 'one');
const tokens = JSON.parse(readFileSync(join(dir, 'bench-tokens.json'), 'utf8')) as BenchTokens;

interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startTree(tree: string, dataDir: string, name = tree): Promise<Server> {
  const ledger = await startLedger(dataDir, [], tree);
  return { name, url: ledger.url, pid: ledger.pid, stop: ledger.stop };
}

interface Sample {
  rate: number;
  cpuUs: number;
  mainUs: number;
  p99: number;
}

async function load(server: Server, path: string, token: string, secs: number): Promise<Sample> {
  await settle(server.pid);
  const latencies: number[] = [];
  let answered = 0;
  const mainMs = (): number => threadCpuMs(server.pid).get(server.pid)?.ms ?? 0;
  const cpu0 = procCpuMs(server.pid);
  const main0 = mainMs();
  const result = await runLoad(server.url, { method: 'GET', pathFor: () => path, token, keyed: false }, secs, {
    sent: () => undefined,
    answered(status, ms) {
      answered += 1;
      if (status === 200) latencies.push(ms);
    },
  });
  await settle(server.pid);
  const cpu = procCpuMs(server.pid) - cpu0;
  const main = mainMs() - main0;
  latencies.sort((a, b) => a - b);
  if (latencies.length !== answered) throw new Error(`${server.name}: ${answered - latencies.length} answers not 200`);
  return {
    rate: latencies.length / result.duration,
    cpuUs: (cpu * 1000) / answered,
    mainUs: (main * 1000) / answered,
    p99: percentile(latencies, 99),
  };
}

const la = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

const work = join(dir, '..', `ab-${process.pid}`);
const servers: Server[] = [];
let spare: Server | undefined;
try {
  // The ledger started first ran slower than the others in most runs, whatever its tree (a fifth or more; the cause was
  // not found): one is started first and never measured.
  cpSync(dir, join(work, 'spare'), { recursive: true, filter: (src) => !src.includes('/profiles') });
  spare = await startTree(resolve(trees[0] ?? ''), join(work, 'spare'));
  await waitReady(spare.url, { warmed: true });
  // Started one after another, each once ready, so none catches up while another starts.
  for (const [i, tree] of trees.entries()) {
    const copy = join(work, `data-${i}`);
    cpSync(dir, copy, { recursive: true, filter: (src) => !src.includes('/profiles') });
    const server = await startTree(resolve(tree), copy, `${i}:${tree.split('/').pop() ?? tree}`);
    await waitReady(server.url, { warmed: true });
    servers.push(server);
  }
  const first = servers[0];
  if (first === undefined) throw new Error('no tree');
  await new Promise((r) => setTimeout(r, Number(process.env['AB_WAIT_S'] ?? 0) * 1000));
  // Every ledger is asked the same before the load (the first's answers are captured for the floor).
  const lists = await Promise.all(servers.map((s) => call(s.url, '/v1/consultations', tokens.desk)));
  const list = JSON.parse(lists[0]?.body.toString('utf8') ?? '{}') as {
    consultations: Array<{ consultationId: string }>;
  };
  const read = readScenarios(list.consultations[0]?.consultationId ?? '')[readIndex];
  if (read === undefined) throw new Error('unknown AB_READ');
  const captured = join(work, 'captured.json');
  await captureReads(first.url, tokens.desk, [read.path], captured);
  for (const s of servers.slice(1)) await captureReads(s.url, tokens.desk, [read.path], join(work, 'other.json'));
  const floor = await startChild('bench/http/floor-server.ts', [captured]);
  const all: Server[] = [
    ...servers,
    { name: 'floor', url: `http://127.0.0.1:${floor.firstLine}`, pid: floor.pid, stop: floor.stop },
  ];
  servers.push(all[all.length - 1] as Server);
  console.log(`${read.name}, ${rounds} rounds of ${seconds} s; load average at start ${la()}`);
  for (const s of all) await load(s, read.path, tokens.desk, 2); // warm-up
  const samples = new Map<string, Sample[]>(all.map((s) => [s.name, []]));
  for (let r = 0; r < rounds; r += 1) {
    const order = r % 2 === 0 ? all : [...all].reverse();
    const line: string[] = [];
    for (const s of order) {
      const sample = await load(s, read.path, tokens.desk, seconds);
      samples.get(s.name)?.push(sample);
      line.push(`${s.name} ${sample.cpuUs.toFixed(1)} (${sample.mainUs.toFixed(1)}) µs`);
    }
    console.log(`round ${r + 1} (load ${la()}): ${line.join(', ')}`);
  }
  // Each tree's CPU per request over the first tree's in the same round: the machine's load drifts from round to round.
  const reference = samples.get(all[0]?.name ?? '') ?? [];
  for (const [name, list] of samples) {
    const ratios = list.map((s, r) => s.cpuUs / (reference[r]?.cpuUs ?? NaN));
    console.log(`${name}: median ${median(ratios).toFixed(3)} × the first tree's CPU per request in the same round`);
  }
  for (const [name, list] of samples) {
    console.log(
      `${name}: median ${median(list.map((s) => s.cpuUs)).toFixed(1)} µs CPU per request (main thread ${median(list.map((s) => s.mainUs)).toFixed(1)}), ${median(list.map((s) => s.rate)).toFixed(0)}/s, p99 ${median(list.map((s) => s.p99)).toFixed(1)} ms`,
    );
  }
  console.log(`load average at end ${la()}`);
} finally {
  for (const s of servers) await s.stop();
  await spare?.stop();
  for (const d of readdirSync(work)) rmSync(join(work, d), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
