// `npx tsx bench/http/reads.ts <dir> <read>...`: some of the benchmark's reads against the ledger and
// the bare floor server in one run, for a change to those reads (the whole `npm run bench -- http` takes
// long). <dir> is a DATA_DIR prepared by bench/http/profile.ts; reads are named as in the profile: one,
// all, history, alignment, brief, consultation.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startLedger, waitReady } from './ledger-process.js';
import { measureReads } from './measure-reads.js';
import type { BenchTokens } from './prepare.js';

const NAMES: Record<string, string> = {
  one: 'GET one position',
  all: 'GET all positions',
  history: 'GET history of an issue',
  alignment: 'GET alignment',
  brief: 'GET session brief',
  consultation: 'GET a consultation',
};

const [dir, ...reads] = process.argv.slice(2);
const names = reads.map((r) => NAMES[r]);
if (dir === undefined || reads.length === 0 || names.some((n) => n === undefined)) {
  process.stderr.write(`usage: reads.ts <data dir prepared by profile.ts> <${Object.keys(NAMES).join('|')}>...\n`);
  process.exit(2);
}
const log = (message: string): void => console.log(message);
const tokens = JSON.parse(readFileSync(join(dir, 'bench-tokens.json'), 'utf8')) as BenchTokens;
const ledger = await startLedger(dir);
try {
  await waitReady(ledger.url, { warmed: true });
  log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  const rows = await measureReads(
    ledger,
    tokens.desk,
    dir,
    log,
    names.filter((n) => n !== undefined),
  );
  for (const row of rows)
    log(
      `${row.name}: ${row.bytes ?? '?'} bytes, ledger ${row.ledger.rate.toFixed(0)}/s (${row.ledger.serverCpuUs.toFixed(0)} µs CPU per request), floor ${row.floorRate.toFixed(0)}/s (${row.floorCpuUs?.toFixed(0) ?? '?'} µs): ${(row.ledger.rate / row.floorRate).toFixed(2)} ×`,
    );
  log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
} finally {
  await ledger.stop();
}
