// `npm run bench [-- <filter>...] [-- --no-write]`: runs the benchmark groups (or only those whose group or
// "group:id" starts with a filter), prints the figures and rewrites each benchmark's section of BENCHMARKS.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { groups } from './registry.js';
import { format, markdownSection, markdownTable, writeSection } from './report.js';
import type { BenchResult } from './report.js';

const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const filters = args.filter((a) => !a.startsWith('--'));
const selected = (group: string, id: string): boolean =>
  filters.length === 0 || filters.some((f) => group.startsWith(f) || `${group}:${id}`.startsWith(f));

const root = fileURLToPath(new URL('../', import.meta.url));
const date = new Date().toISOString();
const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average at start ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')}`;
// The variables that size a benchmark are part of the command that reproduces its figures.
const sizing = [
  'READ_BENCH_EVENTS',
  'HTTP_BENCH_EVENTS',
  'INTEGRITY_CATCHUP_EVENTS',
  'INTEGRITY_BENCH_LEAVES',
  'VERIFY_BENCH_EVENTS',
  'OPS_BENCH_EVENTS',
].flatMap((name) => (process.env[name] ? [`${name}=${process.env[name]} `] : []));
const command = `${sizing.join('')}npm run bench${filters.length > 0 ? ` -- ${filters.join(' ')}` : ''}`;

const started = Date.now();
const all: Record<string, BenchResult[]> = {};
for (const group of groups) {
  const benches = group.benchmarks.filter((b) => selected(group.group, b.id));
  if (benches.length === 0) continue;
  const results: BenchResult[] = [];
  for (const bench of benches) {
    console.log(`\n== ${group.group}:${bench.id} - ${bench.title}`);
    const t0 = Date.now();
    const result = await bench.run((message) => console.log(`   ${message}`));
    results.push(result);
    if (write)
      writeSection(
        `${root}BENCHMARKS.md`,
        `${group.group}:${bench.id}`,
        markdownSection(group, result, { command, date, machine }),
      );
    for (const f of result.figures) console.log(`   ${f.name}: ${format(f.value, f.unit)}`);
    for (const table of result.tables ?? [])
      console.log(['', ...markdownTable(table)].map((line) => `   ${line}`).join('\n'));
    for (const v of result.verdicts) console.log(`   target ${v.target}: ${v.met ? 'met' : 'NOT met'}`);
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  all[group.group] = results;
}
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
  `${root}bench/results/${date.replaceAll(':', '-')}.json`,
  JSON.stringify({ command, date, machine, results: all }, null, 2),
);
console.log(
  `\nall benchmarks done in ${((Date.now() - started) / 1000).toFixed(1)} s${write ? '; BENCHMARKS.md updated' : ''}`,
);
process.exit(0);
