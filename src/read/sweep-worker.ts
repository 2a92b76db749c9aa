// Worker-thread entry of the store sweep (sweep-in-worker.ts starts it): its own store connection and its own reader
// of the Merkle log file the checks' worker writes; it sweeps once, posts the verdict, and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { parseVerifierKey } from '../integrity/index.js';
import { connectStore } from '../store/client.js';
import { followLedgerLog } from './integrity-log.js';
import { parseSweepInit, type FromSweepWorker } from './sweep-in-worker.js';
import { sweepStore } from './store-sweep.js';

const port = parentPort;
const init = parseSweepInit(workerData);

function post(message: FromSweepWorker): void {
  port?.postMessage(message);
}

async function run(): Promise<void> {
  if (port === null || init === null) throw new Error('sweep worker started without a parent port or valid init data');
  const connection = connectStore(init.storeConnection);
  const log = followLedgerLog(init.logFile);
  try {
    const verification = await sweepStore({
      store: connection.store,
      log,
      verifiers: init.verifierKeys.map(parseVerifierKey),
      origin: init.origin,
      stopped: () => false,
    });
    post({ type: 'done', verification });
  } finally {
    log.close();
    await connection.close();
  }
}

run().catch((error: unknown) => {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
