// Worker-thread entry of an audit replay (replay-in-worker.ts starts it): its own store connection,
// its own heap and its own SQLite connections, so neither its garbage collections nor its writes to
// the scratch file ever hold the server's event loop. It reads the live index file as of the live
// side's last flush, rebuilds into the scratch file up to that position, compares the two and posts
// progress and the report.
import { parentPort, workerData } from 'node:worker_threads';
import { connectStore } from '../store/client.js';
import { openIndexFile } from './index-file.js';
import { createFileIndex } from './read-index.js';
import { compareWithLive, replayAll, shownTo } from './replay.js';
import { parseWorkerInit, type FromReplayWorker } from './replay-in-worker.js';

const port = parentPort;
const init = parseWorkerInit(workerData);

function post(message: FromReplayWorker): void {
  port?.postMessage(message);
}

/** Subjects compared between two progress messages. */
const SUBJECTS_PER_MESSAGE = 100;

async function run(): Promise<Extract<FromReplayWorker, { type: 'done' }>['report']> {
  if (port === null || init === null) throw new Error('replay worker started without a parent port or valid init data');
  const started = performance.now();
  const cache = init.cachedEnvelopes === undefined ? {} : { cachedEnvelopes: init.cachedEnvelopes };
  const liveFile = openIndexFile(init.livePath, init.format, { readOnly: true });
  const scratchFile = openIndexFile(init.scratchPath, init.format, { scratch: true });
  const connection = connectStore(init.storeConnection);
  try {
    const live = createFileIndex(liveFile, { ...cache });
    const checkpoint = live.restore();
    const upTo = checkpoint === null ? -1n : checkpoint.commit;
    // A prepare position never exceeds its commit position: every event committed at or before upTo.
    const eventsLive = upTo < 0n ? 0 : live.countThrough({ commit: upTo, prepare: upTo });
    post({
      type: 'progress',
      phase: 'rebuilding',
      eventsReplayed: 0,
      eventsToReplay: eventsLive,
      subjectsCompared: 0,
      subjectsToCompare: null,
    });
    const scratch = createFileIndex(scratchFile, { ...cache });
    const rebuilt = await replayAll(connection.store, {
      upTo,
      index: scratch,
      onProgress: (events) =>
        post({
          type: 'progress',
          phase: 'rebuilding',
          eventsReplayed: events,
          eventsToReplay: eventsLive,
          subjectsCompared: 0,
          subjectsToCompare: null,
        }),
    });
    const rebuildMs = Math.round(performance.now() - started);
    const differences = await compareWithLive(live, scratch, upTo, init.asOf, {
      reader: shownTo(init.clearance),
      // Nothing else runs on this thread: no turns to give.
      sliceMs: Number.POSITIVE_INFINITY,
      onProgress: (compared, of) => {
        if (compared % SUBJECTS_PER_MESSAGE === 0 || compared === of) {
          post({
            type: 'progress',
            phase: 'comparing',
            eventsReplayed: rebuilt.events,
            eventsToReplay: eventsLive,
            subjectsCompared: compared,
            subjectsToCompare: of,
          });
        }
      },
    });
    const ms = Math.round(performance.now() - started);
    return {
      equal: differences.length === 0,
      eventsReplayed: rebuilt.events,
      eventsLive,
      rejected: rebuilt.rejected,
      ms,
      rebuildMs,
      compareMs: ms - rebuildMs,
      differences,
    };
  } finally {
    liveFile.close();
    scratchFile.close();
    await connection.close().catch(() => undefined);
  }
}

// Posted once the files and the connection are closed: the parent may end the thread as soon as it has the report.
run()
  .then((report) => post({ type: 'done', report }))
  .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
  .finally(() => port?.close());
