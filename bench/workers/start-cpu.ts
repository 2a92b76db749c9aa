// CPU of starting each kind of worker thread from the TypeScript sources (ADR 0080): a fresh process per start
// creates the worker as the ledger does (WORKER_BOOTSTRAP, workerModule of the tree named) with an empty init, and
// reads process.cpuUsage() (every thread of the process) from `new Worker` until the worker has imported its module
// graph and exited. Trees are taken in turn A B B A per round, so that both meet the same load.
//   node --import tsx bench/workers/start-cpu.ts <tree A> [<tree B>] [rounds]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const KINDS = [
  ['embedded', 'worker'],
  ['read', 'index-file-worker'],
  ['read', 'integrity-worker'],
  ['read', 'sweep-worker'],
  ['read', 'replay-worker'],
] as const;

/** In the child: one start of `name`, printed as milliseconds of CPU. */
async function once(tree: string, dir: string, name: string): Promise<void> {
  const threads = (await import(pathToFileURL(resolve(tree, 'src/worker-thread.ts')).href)) as {
    WORKER_BOOTSTRAP: string;
    workerModule(callerUrl: string, name: string): object;
  };
  const before = process.cpuUsage();
  const worker = new Worker(threads.WORKER_BOOTSTRAP, {
    eval: true,
    stdout: true,
    stderr: true,
    workerData: threads.workerModule(pathToFileURL(resolve(tree, 'src', dir, 'start-cpu.ts')).href, name),
  });
  worker.on('error', () => {
    // An empty init: the worker fails once its graph is loaded, which is what is measured.
  });
  await new Promise((done) => worker.on('exit', done));
  const used = process.cpuUsage(before);
  process.stdout.write(`${(used.user + used.system) / 1000}\n`);
}

if (process.argv[2] === '--once') {
  await once(process.argv[3] ?? '.', process.argv[4] ?? '', process.argv[5] ?? '');
} else {
  const trees = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
  const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 2);
  const order = trees.length === 2 ? [trees[0], trees[1], trees[1], trees[0]] : trees;
  const cpu = new Map<string, number[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const tree of order) {
      for (const [dir, name] of KINDS) {
        const out = execFileSync(
          process.execPath,
          ['--import', 'tsx', new URL(import.meta.url).pathname, '--once', resolve(tree ?? '.'), dir, name],
          { encoding: 'utf8' },
        );
        const key = `${name} ${tree}`;
        cpu.set(key, [...(cpu.get(key) ?? []), Number(out.trim())]);
      }
    }
  }
  const load = loadavg()[0]?.toFixed(1);
  for (const [key, values] of cpu) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    process.stdout.write(`${key}: ${mean.toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(' ')})\n`);
  }
  process.stdout.write(`load average at the end: ${load}\n`);
}
