// Everything measured on one ledger size: prepare its DATA_DIR, restart the ledger on it and wait until
// it is caught up and warmed, read its RSS, then each read against the ledger and against the bare
// floor server (in turn, so both meet the same minutes of the machine), then each write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procStatusBytes, startChild } from '../store/process.js';
import { captureReads } from './capture.js';
import { DEMO, call, createWriteFixtures, statementBody } from './fixtures.js';
import { startLedger, waitReady } from './ledger-process.js';
import { measureLoad, type LoadResult } from './load.js';
import { prepareDataDir } from './prepare.js';
import { readScenarios, writeScenarios } from './scenarios.js';
import { CONNECTIONS } from './settings.js';
import { storeAppendFloor } from './store-floor.js';

export interface Row {
  name: string;
  kind: 'read' | 'write';
  /** Body bytes of the ledger's answer (reads). */
  bytes: number | undefined;
  ledger: LoadResult;
  /** The bare Fastify server's rate (reads), or the store's append rate over the request's appends (writes). */
  floorRate: number;
  floorP99: number | undefined;
  /** Share of a core the load generator used, the larger of the ledger's and the floor's load. */
  generatorBusy: number;
}

export interface SizeResult {
  events: number;
  prepareSeconds: number;
  restartSeconds: number;
  /** Ledger process RSS once ready and warmed, before any load; its peak after every load. */
  rssAfterWarmUp: number;
  peakRss: number;
  /** Single-event appends per second the store alone takes from CONNECTIONS writers. */
  storeFloor: number;
  keylessAccepted: boolean;
  rows: Row[];
}

async function firstConsultation(url: string, token: string): Promise<string> {
  const answer = await call(url, '/v1/consultations', token);
  const list = JSON.parse(answer.body.toString('utf8')) as { consultations?: Array<{ consultationId: string }> };
  const id = list.consultations?.[0]?.consultationId;
  if (id === undefined) throw new Error(`GET /v1/consultations listed none (status ${answer.status})`);
  return id;
}

export async function measureSize(events: number, log: (m: string) => void): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  try {
    const t0 = performance.now();
    const tokens = await prepareDataDir(dir, events, log);
    const prepareSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const ledger = await startLedger(dir);
    try {
      await waitReady(ledger.url, { warmed: true });
      const restartSeconds = (performance.now() - t1) / 1000;
      const rssAfterWarmUp = procStatusBytes(ledger.pid, 'VmRSS');
      log(`ledger restarted and warmed in ${restartSeconds.toFixed(1)} s; RSS ${(rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB`);

      const reads = readScenarios(await firstConsultation(ledger.url, tokens.desk));
      const capturedFile = join(dir, 'captured.json');
      const sizes = await captureReads(ledger.url, tokens.desk, reads.map((r) => r.path), capturedFile);
      const floor = await startChild('bench/http/floor-server.ts', [capturedFile]);
      const floorUrl = `http://127.0.0.1:${floor.firstLine}`;
      const rows: Row[] = [];
      try {
        for (const read of reads) {
          const spec = { method: 'GET' as const, pathFor: () => read.path, token: tokens.desk, keyed: false };
          const measured = await measureLoad(ledger.url, ledger.pid, spec);
          const bare = await measureLoad(floorUrl, floor.pid, spec);
          log(`${read.name}: ${measured.rate.toFixed(0)}/s (p99 ${measured.p99.toFixed(1)} ms), bare ${bare.rate.toFixed(0)}/s: ${(measured.rate / bare.rate).toFixed(2)}; load generator ${measured.generatorBusy.toFixed(2)} / ${bare.generatorBusy.toFixed(2)} of a core`);
          rows.push({ name: read.name, kind: 'read', bytes: sizes.get(read.path), ledger: measured, floorRate: bare.rate, floorP99: bare.p99, generatorBusy: Math.max(measured.generatorBusy, bare.generatorBusy) });
        }
      } finally {
        await floor.stop();
      }

      // The write floor in the same minutes as the writes (the ledger idle meanwhile).
      const storeFloor = await storeAppendFloor();
      log(`store floor: ${storeFloor.toFixed(0)} single-event appends/s from ${CONNECTIONS} writers`);
      const fixtures = await createWriteFixtures(ledger.url, tokens);
      const probe = await call(ledger.url, `/v1/issues/${fixtures.issues[0] ?? DEMO.issueId}/position/statements`, tokens.desk, { method: 'POST', body: statementBody, key: null });
      const keylessAccepted = probe.status === 201;
      for (const write of writeScenarios(fixtures, tokens, keylessAccepted)) {
        const measured = await measureLoad(ledger.url, ledger.pid, write.spec);
        const floorRate = storeFloor / write.appends;
        log(`${write.name}: ${measured.rate.toFixed(0)}/s (p99 ${measured.p99.toFixed(1)} ms; other answers ${JSON.stringify(measured.otherStatuses)}), floor ${floorRate.toFixed(0)}/s`);
        if (measured.rate === 0) throw new Error(`${write.name}: no request succeeded (${JSON.stringify(measured.otherStatuses)}, ${measured.errors} errors)`);
        rows.push({ name: write.name, kind: 'write', bytes: undefined, ledger: measured, floorRate, floorP99: undefined, generatorBusy: measured.generatorBusy });
      }
      const peakRss = procStatusBytes(ledger.pid, 'VmHWM');
      return { events, prepareSeconds, restartSeconds, rssAfterWarmUp, peakRss, storeFloor, keylessAccepted, rows };
    } finally {
      await ledger.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
