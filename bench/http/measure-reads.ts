// The reads: each one's answer captured from the ledger for the bare floor server, then each loaded
// against the ledger and right after against the floor, so both meet the same minutes of the machine.
import { join } from 'node:path';
import { startChild } from '../store/process.js';
import { captureReads } from './capture.js';
import { call } from './fixtures.js';
import type { LedgerProcess } from './ledger-process.js';
import { measureLoad } from './load.js';
import type { Row } from './row.js';
import { readScenarios } from './scenarios.js';

async function firstConsultation(url: string, token: string): Promise<string> {
  const answer = await call(url, '/v1/consultations', token);
  const list = JSON.parse(answer.body.toString('utf8')) as { consultations?: Array<{ consultationId: string }> };
  const id = list.consultations?.[0]?.consultationId;
  if (id === undefined) throw new Error(`GET /v1/consultations listed none (status ${answer.status})`);
  return id;
}

/**
 * `dir`: where the captured answers go (the floor server reads them from there). `only`: the names of the reads to
 * measure (bench/http/reads.ts), default all.
 */
export async function measureReads(
  ledger: LedgerProcess,
  token: string,
  dir: string,
  log: (m: string) => void,
  only?: readonly string[],
): Promise<Row[]> {
  const reads = readScenarios(await firstConsultation(ledger.url, token)).filter(
    (r) => only === undefined || only.includes(r.name),
  );
  const capturedFile = join(dir, 'captured.json');
  const sizes = await captureReads(
    ledger.url,
    token,
    reads.map((r) => r.path),
    capturedFile,
  );
  const floor = await startChild('bench/http/floor-server.ts', [capturedFile]);
  const floorUrl = `http://127.0.0.1:${floor.firstLine}`;
  const rows: Row[] = [];
  try {
    for (const read of reads) {
      const spec = { method: 'GET' as const, pathFor: () => read.path, token, keyed: false };
      const measured = await measureLoad(ledger.url, ledger.pid, spec);
      const bare = await measureLoad(floorUrl, floor.pid, spec);
      log(
        `${read.name}: ${measured.rate.toFixed(1)}/s (p99 ${measured.p99.toFixed(1)} ms, ${measured.answered} answered of ${measured.sent} sent, drained in ${(measured.drainMs / 1000).toFixed(1)} s), bare ${bare.rate.toFixed(1)}/s: ${(measured.rate / bare.rate).toFixed(2)}; load generator ${measured.generatorBusy.toFixed(2)} / ${bare.generatorBusy.toFixed(2)} of a core`,
      );
      rows.push({
        name: read.name,
        kind: 'read',
        bytes: sizes.get(read.path),
        ledger: measured,
        floorRate: bare.rate,
        floorP99: bare.p99,
        floorCpuUs: bare.serverCpuUs,
        generatorBusy: Math.max(measured.generatorBusy, bare.generatorBusy),
      });
    }
  } finally {
    await floor.stop();
  }
  return rows;
}
