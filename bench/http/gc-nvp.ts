// `npx tsx bench/http/gc-nvp.ts <log> [from-ms]`: every V8 isolate's GC in a `--trace-gc-nvp` log, one line each
// (ADR 0069). The ledger's worker threads (the store's, the checks', the index file's) start from eval'd code, so the
// stall probe (stall-probe.mjs) never sees their pauses; `--trace-gc-nvp` does, one line per pause prefixed with
// `[pid:isolate]`. Run `TAIL_KEEP=1 npx tsx bench/http/tail.ts <dir> 3 views -- --trace-gc-nvp` and pass the kept
// copy's stdout.log; from-ms (the isolate's own clock, ms since it started) leaves out the start-up's pauses.
import { readFileSync } from 'node:fs';

const [file, fromArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: gc-nvp.ts <--trace-gc-nvp log> [from-ms]\n');
  process.exit(2);
}
const from = Number(fromArg ?? 0);

interface Pause {
  at: number;
  kind: string;
  fields: Map<string, string>;
}

const byIsolate = new Map<string, Pause[]>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const head = /^\[(\d+:0x[0-9a-f]+)\]\s+(\d+) ms: pause=/.exec(line);
  if (head === null) continue;
  const fields = new Map([...line.matchAll(/(\S+?)=(\S+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const at = Number(head[2]);
  if (at < from) continue;
  const pauses = byIsolate.get(head[1] ?? '') ?? [];
  pauses.push({ at, kind: fields.get('gc') ?? '?', fields });
  byIsolate.set(head[1] ?? '', pauses);
}

const num = (p: Pause, key: string): number => Number(p.fields.get(key) ?? 0);
const at = (xs: number[], q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const f1 = (x: number): string => x.toFixed(1);

for (const [isolate, pauses] of [...byIsolate].sort((a, b) => b[1].length - a[1].length)) {
  const scavenges = pauses.filter((p) => p.kind === 's');
  const majors = pauses.filter((p) => p.kind !== 's');
  const ms = scavenges.map((p) => num(p, 'pause')).sort((a, b) => a - b);
  const span = (pauses.at(-1)?.at ?? 0) - (pauses[0]?.at ?? 0);
  const allocated = scavenges.reduce((s, p) => s + num(p, 'allocated'), 0) / Math.max(1, scavenges.length);
  const promoted = scavenges.reduce((s, p) => s + num(p, 'promoted'), 0) / Math.max(1, scavenges.length);
  const heap = Math.max(...pauses.map((p) => num(p, 'total_size_before')));
  console.log(
    `${isolate}: heap up to ${f1(heap / 2 ** 20)} MB over ${f1(span / 1000)} s | scavenges ${ms.length}, sum ${f1(
      ms.reduce((a, b) => a + b, 0),
    )} ms, p50 ${f1(at(ms, 0.5))} p90 ${f1(at(ms, 0.9))} max ${f1(ms.at(-1) ?? 0)}; ${f1(allocated / 1024)} KB allocated and ${f1(
      promoted / 1024,
    )} KB promoted a scavenge`,
  );
  for (const p of majors)
    console.log(
      `    ${p.kind} at ${p.at} ms: pause ${f1(num(p, 'pause'))} (mark ${f1(num(p, 'mark'))}, evacuate ${f1(
        num(p, 'evacuate'),
      )}, sweep ${f1(num(p, 'sweep'))}), heap ${f1(num(p, 'total_size_before') / 2 ** 20)} -> ${f1(
        num(p, 'total_size_after') / 2 ** 20,
      )} MB`,
    );
}
