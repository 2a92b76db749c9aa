// CPU per leaf of the Merkle log file alone (ADR 0053): LEAVES synthetic leaves (event ids random UUIDs, 100 to a
// stream) committed COMMIT at a time through openLedgerLog, as the checks' worker commits them.
//   node --import tsx bench/integrity/log-file-cpu.ts [leaves] [commit]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash } from '../../src/integrity/index.js';
import { openLedgerLog } from '../../src/read/integrity-log.js';

const leaves = Number(process.argv[2] ?? 200_000);
const per = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'log-cpu-'));
try {
  const batches = [];
  for (let from = 0; from < leaves; from += per) {
    const batch = Array.from({ length: Math.min(per, leaves - from) }, (_, i) => {
      const eventId = randomUUID();
      const n = from + i;
      return {
        hash: leafHash(Buffer.from(eventId)),
        eventId,
        stream: `position-cpu-${Math.floor(n / 100)}`,
        revision: BigInt(n % 100),
      };
    });
    const heads = new Map(batch.map((l) => [l.stream, { revision: l.revision, hash: 'a'.repeat(64) }]));
    const position = BigInt(from + batch.length);
    batches.push({
      leaves: batch,
      lastLeafPosition: { commit: position, prepare: position },
      heads,
      checkpoints: [],
      observed: { commit: position, prepare: position },
    });
  }
  const log = openLedgerLog(join(dir, 'merkle.sqlite'));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const b of batches) log.commit(b);
  const cpu = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  log.close();
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `load ${load}: ${leaves} leaves in commits of ${per}: CPU ${((cpu.user + cpu.system) / leaves).toFixed(2)} µs a leaf (user ${(cpu.user / leaves).toFixed(2)}, system ${(cpu.system / leaves).toFixed(2)}), wall ${((wall * 1000) / leaves).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
