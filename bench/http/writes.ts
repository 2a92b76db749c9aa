// `npx tsx bench/http/writes.ts <dir> <write>...`: some of the benchmark's writes against the ledger, with
// the store's append floor measured in the same run, for a change to the write path (the whole `npm run
// bench -- http` takes long). <dir> is a DATA_DIR prepared by bench/http/profile.ts; writes are named as in
// the profile: views (keyed views, a consultation per connection), contended, statements. Each run convenes
// fresh consultations and registers fresh issues to write to, so the directory can be used again.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createWriteFixtures } from './fixtures.js';
import { startLedger, waitReady } from './ledger-process.js';
import { measureLoad } from './load.js';
import type { BenchTokens } from './prepare.js';
import { writeScenarios } from './scenarios.js';
import { storeAppendFloor } from './store-floor.js';
import { FIRST_WRITE_WARM_UP_SECONDS } from './settings.js';

const NAMES = ['views', 'contended', 'statements'];

const [dir, ...writes] = process.argv.slice(2);
if (dir === undefined || writes.length === 0 || writes.some((w) => !NAMES.includes(w))) {
  process.stderr.write(`usage: writes.ts <data dir prepared by profile.ts> <${NAMES.join('|')}>...\n`);
  process.exit(2);
}
const log = (message: string): void => console.log(message);
const average = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const tokens = JSON.parse(readFileSync(join(dir, 'bench-tokens.json'), 'utf8')) as BenchTokens;
log(`load average at start: ${average()}`);
const storeFloor = await storeAppendFloor();
log(`store floor: ${storeFloor.toFixed(0)} single-event appends/s`);
const ledger = await startLedger(dir);
try {
  await waitReady(ledger.url, { warmed: true });
  // Keyed statements, as the benchmark sends them (the ledger refuses a POST without a key).
  const scenarios = writeScenarios(await createWriteFixtures(ledger.url, tokens), tokens, false);
  for (const [i, name] of writes.entries()) {
    const write = scenarios[NAMES.indexOf(name)];
    if (write === undefined) throw new Error(name);
    const measured = await measureLoad(
      ledger.url,
      ledger.pid,
      write.spec,
      i === 0 ? { warmUpSeconds: FIRST_WRITE_WARM_UP_SECONDS } : {},
    );
    const floor = storeFloor / write.appends;
    log(
      `${write.name}: ${measured.rate.toFixed(0)}/s, p50 ${measured.p50.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms, ${measured.serverCpuUs.toFixed(0)} µs CPU per request, other ${JSON.stringify(measured.otherStatuses)}; floor ${floor.toFixed(0)}/s: ${(measured.rate / floor).toFixed(2)} ×`,
    );
  }
  log(`load average at end: ${average()}`);
} finally {
  await ledger.stop();
}
