// `npx tsx bench/http/profile-summary.ts <file.cpuprofile> [top] [window.json] [callers-of]`: where a V8
// CPU profile's time went, as two lists: functions by self time, and by inclusive time (each function
// counted once per sample even when it recurses), with the share of the busy samples. With a window
// (bench/http/profile.ts writes one per load) only the samples taken during the load count, and the
// times are also given per request. With `callers-of`, the call chains that lead to that function.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, windowFile, callersOf] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const shortUrl = (url: string): string =>
  url.replace(/^file:\/\/.*?\/node_modules\//, '~/').replace(/^file:\/\/.*?\/(src|bench|contracts)\//, '$1/');
const label = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const window =
  windowFile === undefined || windowFile === ''
    ? undefined
    : (JSON.parse(readFileSync(windowFile, 'utf8')) as { from: number; to: number; requests: number });
const callers = new Map<string, number>();
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  at += dt;
  if (window !== undefined && (at < window.from || at > window.to)) return;
  const node = byId.get(id);
  if (node === undefined) return;
  total += dt;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  const seen = new Set<string>();
  const stack: string[] = [];
  for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
    const n = byId.get(up);
    if (n === undefined) break;
    const l = label(n);
    stack.push(l);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
  if (callersOf !== undefined) {
    const from = stack.findIndex((l) => l.startsWith(`${callersOf} `));
    if (from >= 0) {
      const chain = stack.slice(from, from + 6).join(' <- ');
      callers.set(chain, (callers.get(chain) ?? 0) + dt);
    }
  }
});
const busy = total - idle;
const ms = (us: number): string => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const perRequest = (us: number): string =>
  window === undefined ? '' : `${(us / window.requests).toFixed(0).padStart(6)} µs/req`;
console.log(
  `${file}: ${ms(total)} ms sampled, ${ms(busy)} ms busy${window === undefined ? '' : ` in the load's window, ${window.requests} requests: ${perRequest(busy)}`}`,
);
const lists: Array<[string, Map<string, number>]> = [
  ['self', self],
  ['inclusive', inclusive],
];
if (callersOf !== undefined) lists.push([`call chain from ${callersOf}`, callers]);
for (const [title, map] of lists) {
  console.log(`\n-- by ${title} time (ms, share of busy${window === undefined ? '' : ', per request'})`);
  for (const [name, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(us)} ${pct(us)} ${perRequest(us)}  ${name}`);
}
