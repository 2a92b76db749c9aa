// The writes: the store's append floor in the same minutes, the subjects to write to, whether the
// ledger takes a keyless POST, then each write load against the ledger.
import { DEMO, call, createWriteFixtures, statementBody } from './fixtures.js';
import type { LedgerProcess } from './ledger-process.js';
import { measureLoad } from './load.js';
import type { BenchTokens } from './prepare.js';
import type { Row } from './row.js';
import { writeScenarios } from './scenarios.js';
import { CONNECTIONS, FIRST_WRITE_WARM_UP_SECONDS } from './settings.js';
import { storeAppendFloor } from './store-floor.js';

export interface WriteRows {
  rows: Row[];
  /** Single-event appends per second the store alone takes from CONNECTIONS writers. */
  storeFloor: number;
  keylessAccepted: boolean;
}

export async function measureWrites(
  ledger: LedgerProcess,
  tokens: BenchTokens,
  log: (m: string) => void,
): Promise<WriteRows> {
  // The ledger is idle meanwhile.
  const storeFloor = await storeAppendFloor();
  log(`store floor: ${storeFloor.toFixed(0)} single-event appends/s from ${CONNECTIONS} writers`);
  const fixtures = await createWriteFixtures(ledger.url, tokens);
  const probe = await call(
    ledger.url,
    `/v1/issues/${fixtures.issues[0] ?? DEMO.issueId}/position/statements`,
    tokens.desk,
    { method: 'POST', body: statementBody, key: null },
  );
  const keylessAccepted = probe.status === 201;
  const rows: Row[] = [];
  for (const [i, write] of writeScenarios(fixtures, tokens, keylessAccepted).entries()) {
    const measured = await measureLoad(
      ledger.url,
      ledger.pid,
      write.spec,
      i === 0 ? { warmUpSeconds: FIRST_WRITE_WARM_UP_SECONDS } : {},
    );
    const floorRate = storeFloor / write.appends;
    log(
      `${write.name}: ${measured.rate.toFixed(1)}/s (p99 ${measured.p99.toFixed(1)} ms; other answers ${JSON.stringify(measured.otherStatuses)}), floor ${floorRate.toFixed(0)}/s`,
    );
    if (measured.rate === 0)
      throw new Error(
        `${write.name}: no request succeeded (${JSON.stringify(measured.otherStatuses)}, ${measured.errors} errors)`,
      );
    rows.push({
      name: write.name,
      kind: 'write',
      bytes: undefined,
      ledger: measured,
      floorRate,
      floorP99: undefined,
      generatorBusy: measured.generatorBusy,
    });
  }
  return { rows, storeFloor, keylessAccepted };
}
