// `npx tsx bench/http/profile.ts <dir> <load>...`: the ledger of the HTTP benchmark under one of its
// loads with `--cpu-prof`, to see where a request's time goes (ADR 0041). <dir> is a DATA_DIR prepared
// on the first run (HTTP_BENCH_EVENTS events, default 10000) and reused after; each load runs against a
// fresh ledger process on it, whose CPU profiles (one per thread: the API's, the embedded store's)
// land in <dir>/profiles/<load>/. Loads: views (keyed views, a consultation per connection),
// contended, statements, and the reads by path: one, all, history, alignment, brief, consultation.
// Summarise a profile with bench/http/profile-summary.ts (<dir>/window-<load>.json: when the load ran).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, createWriteFixtures } from './fixtures.js';
import { startLedger, waitReady } from './ledger-process.js';
import { measureLoad, type LoadSpec } from './load.js';
import { idleBaseline } from './settle.js';
import { prepareDataDir, type BenchTokens } from './prepare.js';
import { readScenarios, writeScenarios } from './scenarios.js';
import { FIRST_WRITE_WARM_UP_SECONDS, benchSizes } from './settings.js';

const [dir, ...loads] = process.argv.slice(2);
if (dir === undefined || loads.length === 0) {
  process.stderr.write(
    'usage: profile.ts <data dir> <views|contended|statements|one|all|history|alignment|brief|consultation>...\n',
  );
  process.exit(2);
}
const log = (message: string): void => console.log(message);
const tokensFile = join(dir, 'bench-tokens.json');
if (!existsSync(tokensFile)) {
  mkdirSync(dir, { recursive: true });
  const tokens = await prepareDataDir(dir, benchSizes()[0] ?? 10_000, log);
  writeFileSync(tokensFile, JSON.stringify(tokens));
}
const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as BenchTokens;

const READS = ['one', 'all', 'history', 'alignment', 'brief', 'consultation'];
const WRITES = ['views', 'contended', 'statements'];

async function specFor(url: string, load: string): Promise<LoadSpec> {
  const reads = READS.indexOf(load);
  if (reads >= 0) {
    const list = JSON.parse((await call(url, '/v1/consultations', tokens.desk)).body.toString('utf8')) as {
      consultations: Array<{ consultationId: string }>;
    };
    const read = readScenarios(list.consultations[0]?.consultationId ?? '')[reads];
    if (read === undefined) throw new Error(load);
    return { method: 'GET', pathFor: () => read.path, token: tokens.desk, keyed: false };
  }
  const writes = WRITES.indexOf(load);
  if (writes < 0) throw new Error(`unknown load ${load}`);
  const write = writeScenarios(await createWriteFixtures(url, tokens), tokens, false)[writes];
  if (write === undefined) throw new Error(load);
  return write.spec;
}

for (const load of loads) {
  const out = join(dir, 'profiles', load);
  rmSync(out, { recursive: true, force: true });
  const ledger = await startLedger(dir, ['--cpu-prof', `--cpu-prof-dir=${out}`]);
  try {
    await waitReady(ledger.url, { warmed: true });
    const spec = await specFor(ledger.url, load);
    // The load's window on the monotonic clock V8 stamps its samples with (µs): profile-summary.ts counts only it.
    // The profiler's sampling thread keeps the ledger from ever looking idle: measure what it costs first.
    const baseline = await idleBaseline(ledger.pid);
    log(`${load}: the ledger under --cpu-prof spends ${baseline} ms of CPU per 0.5 s doing nothing`);
    const from = process.hrtime.bigint() / 1000n;
    const result = await measureLoad(ledger.url, ledger.pid, spec, {
      baselineCpuMs: baseline,
      ...(WRITES.includes(load) ? { warmUpSeconds: FIRST_WRITE_WARM_UP_SECONDS } : {}),
    });
    writeFileSync(
      join(dir, `window-${load}.json`),
      JSON.stringify({ from: Number(from), to: Number(process.hrtime.bigint() / 1000n), requests: result.sent }),
    );
    log(
      `${load}: ${result.rate.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.serverCpuUs.toFixed(0)} µs CPU per request, ${result.sent} sent, other ${JSON.stringify(result.otherStatuses)}`,
    );
  } finally {
    await ledger.stop();
  }
  log(`profiles in ${out}`);
}
