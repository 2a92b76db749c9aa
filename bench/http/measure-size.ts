// Everything measured on one ledger size: prepare its DATA_DIR, restart the ledger on it and wait until
// it is caught up and warmed, read its RSS, then the reads and the writes, then its peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procStatusBytes } from '../store/process.js';
import { startLedger, waitReady } from './ledger-process.js';
import { measureReads } from './measure-reads.js';
import { measureWrites } from './measure-writes.js';
import { prepareDataDir } from './prepare.js';
import type { Row } from './row.js';

export interface SizeResult {
  events: number;
  prepareSeconds: number;
  /** From spawning the ledger on the prepared directory to /readyz ready (caught up), and to warmed. */
  readySeconds: number;
  restartSeconds: number;
  /** Ledger process RSS once ready and warmed, before any load; its peak after every load. */
  rssAfterWarmUp: number;
  peakRss: number;
  /** Single-event appends per second the store alone takes from CONNECTIONS writers. */
  storeFloor: number;
  keylessAccepted: boolean;
  rows: Row[];
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
      await waitReady(ledger.url, { warmed: false });
      const readySeconds = (performance.now() - t1) / 1000;
      await waitReady(ledger.url, { warmed: true });
      const restartSeconds = (performance.now() - t1) / 1000;
      const rssAfterWarmUp = procStatusBytes(ledger.pid, 'VmRSS');
      log(
        `ledger restarted: ready in ${readySeconds.toFixed(1)} s, warmed in ${restartSeconds.toFixed(1)} s; RSS ${(rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB`,
      );
      const reads = await measureReads(ledger, tokens.desk, dir, log);
      const writes = await measureWrites(ledger, tokens, log);
      const peakRss = procStatusBytes(ledger.pid, 'VmHWM');
      return {
        events,
        prepareSeconds,
        readySeconds,
        restartSeconds,
        rssAfterWarmUp,
        peakRss,
        storeFloor: writes.storeFloor,
        keylessAccepted: writes.keylessAccepted,
        rows: [...reads, ...writes.rows],
      };
    } finally {
      await ledger.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
