// `npx tsx bench/http/inproc.ts <tree A> <tree B> [rounds=8] [writes=1600]`: the API thread's CPU per keyed write of
// two source trees, each assembled in a process of its own (bench/http/inproc-worker.ts: the ledger as `serve` builds
// it, on a fresh DATA_DIR with the demo data, driven through `app.inject`), 32 keyed views at a time on fresh
// consultations, four warm-up rounds each, then rounds in turns A B B A ... (ADR 0059). Prints each round and the
// medians: main thread µs per write, other threads (the store's worker, the checks') µs per write.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const [treeA, treeB, roundsArg, writesArg] = process.argv.slice(2);
if (treeA === undefined || treeB === undefined) {
  process.stderr.write('usage: inproc.ts <tree A> <tree B> [rounds=8] [writes=1600]\n');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 8);
const writes = Number(writesArg ?? 1600);
const worker = fileURLToPath(new URL('./inproc-worker.ts', import.meta.url));

interface Worker {
  name: string;
  ask(line: string): Promise<string>;
  stop(): Promise<void>;
}

async function start(name: string, tree: string): Promise<Worker> {
  const dir = mkdtempSync(join(tmpdir(), `inproc-${name}-`));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', worker, tree, dir],
    { cwd: tree, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString('utf8')}`));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const readLine = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done === true) throw new Error(`${name} ended`);
    return next.value;
  };
  if ((await readLine()) !== 'ready') throw new Error(`${name} did not start`);
  return {
    name,
    ask: async (line) => {
      child.stdin.write(`${line}\n`);
      return readLine();
    },
    stop: async () => {
      child.stdin.write('quit\n');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

const a = await start('A', treeA);
const b = await start('B', treeB);
const figures = new Map<string, { main: number[]; other: number[] }>([
  ['A', { main: [], other: [] }],
  ['B', { main: [], other: [] }],
]);
try {
  // V8 goes on compiling the write path for a few rounds: four each before any is counted.
  for (const w of [a, b, a, b, a, b, a, b]) await w.ask(`round ${writes}`);
  for (let i = 0; i < rounds; i += 1) {
    const w = i % 4 === 0 || i % 4 === 3 ? a : b;
    const r = JSON.parse(await w.ask(`round ${writes}`)) as {
      ok: number;
      mainUs: number;
      otherUs: number;
      threadsUs: number[];
    };
    const main = r.mainUs / r.ok;
    const other = r.otherUs / r.ok;
    figures.get(w.name)?.main.push(main);
    figures.get(w.name)?.other.push(other);
    const load = loadavg()[0]?.toFixed(1);
    process.stdout.write(
      `${w.name} ok ${r.ok}: main ${main.toFixed(0)} µs/write, others ${other.toFixed(0)} µs/write ` +
        `(by thread, in start order: ${r.threadsUs.map((us) => (us / r.ok).toFixed(0)).join(' ')}) (load ${load})\n`,
    );
  }
} finally {
  await a.stop();
  await b.stop();
}
for (const [name, f] of figures)
  process.stdout.write(
    `${name}: main median ${median(f.main).toFixed(0)} [${f.main.map((m) => m.toFixed(0)).join(', ')}], ` +
      `others median ${median(f.other).toFixed(0)} µs/write\n`,
  );
