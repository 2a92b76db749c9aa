// Worker-thread entry of the integrity checker (integrity-thread.ts starts it, ADR 0044): the one writer
// of the Merkle log file. It checks each batch the projector posts (integrity-check.ts) as it arrives,
// and commits the batches that arrived together in one transaction (a batch read while the projector
// keeps up may be a few events: one transaction each cost more than the checks), then answers how many
// batches the commit covered. The hashing and the file's writes are this thread's, not the server's.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { parseVerifierKey } from '../integrity/index.js';
import { createChainChecker, type ChainChecker } from './integrity-check.js';
import { openLedgerLog } from './integrity-log.js';
import type { FromChecker, ToChecker } from './integrity-thread.js';
import { fromWire } from './integrity-wire.js';

const Init = z.object({ path: z.string(), verifierKeys: z.array(z.string()), origin: z.string() });

const port = parentPort;

function post(message: FromChecker): void {
  port?.postMessage(message);
}

function run(): void {
  const init = Init.safeParse(workerData);
  if (port === null || !init.success) throw new Error('integrity worker started without a parent port or valid init');
  let checker: ChainChecker;
  try {
    checker = createChainChecker({
      log: openLedgerLog(init.data.path),
      verifiers: init.data.verifierKeys.map(parseVerifierKey),
      origin: init.data.origin,
      onWriteError: (error) =>
        post({ type: 'write-error', message: error instanceof Error ? error.message : String(error) }),
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  post({ type: 'opened', state: checker.state() });
  let batches = 0;
  // After the messages already queued: the port delivers every waiting message before an immediate runs.
  let scheduled: NodeJS.Immediate | null = null;
  const commit = (): void => {
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    if (batches === 0) return;
    const { breaks, state } = checker.commit();
    post({ type: 'looked', batches, breaks, state });
    batches = 0;
  };
  port.on('message', (message: ToChecker) => {
    switch (message.type) {
      case 'look': {
        checker.check(fromWire(message.events));
        batches += 1;
        scheduled ??= setImmediate(commit);
        break;
      }
      case 'freeze':
        checker.freeze();
        break;
      case 'close':
        commit();
        checker.close();
        post({ type: 'closed' });
        port.close();
        break;
    }
  });
}

run();
