// The read side as one unit: index (+ its file under DATA_DIR) + projector + as-of queries.
// Created by whoever starts the API (or a test) with the app's store adapter; no module state.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LedgerStore } from '../store/adapter.js';
import { asOfFor, projectionsVersion } from '../../projections/index.js';
import { createProjector, type Projector, type ProjectorObserver } from './projector.js';
import { createMemoryIndex, createFileIndex, type ReadIndex } from './read-index.js';
import { createReadModels, type ReadModels } from './read-models.js';
import { openIndexFile, type IndexFile } from './index-file.js';
import { openIndexFileInThread } from './index-file-thread.js';
import { createAuditReplays, type AuditReplays, type IntegrityVerdict } from './audit-replay.js';
import { openSearchIndex, type SearchIndex, type SearchPage, type SearchQuery } from './search-index.js';
import { createQuestions, type ReadQuestions } from './questions.js';
import type { Reader } from './withheld.js';
import type { Classification } from '../../contracts/classification.js';

export interface ReadSideOptions {
  store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  logger: Logger;
  /** Directory for the read index file (read-models.sqlite); none = keep everything in memory only. */
  dataDir?: string;
  /** With a data dir: how many envelopes the index keeps in memory, read back from its file. */
  cachedEnvelopes?: number;
  /**
   * The store's connection string. With it and a data dir, an audit replay runs in a worker thread
   * with its own connection (audit-replay.ts), not on the server's event loop.
   */
  storeConnection?: string;
  /**
   * The integrity monitor (src/read/integrity.ts): sees each event before the projector indexes it,
   * and verifies the store after each audit replay.
   */
  integrity?: { readonly observer: ProjectorObserver; verifyStore(): Promise<IntegrityVerdict> };
  /** What "now" is for a read that names no point in time (default: the wall clock). Tests move it. */
  clock?: () => Date;
}

/**
 * The read side as the HTTP layer sees it (ADR 0032): the questions it answers (questions.ts) and
 * its lifetime; not its parts.
 */
export interface ReadSide extends ReadQuestions {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * With an index file: how far the warm-up after the first catch-up has got (null before it starts, and without a
   * file).
   */
  warmUp(): WarmUp | null;
  /** Resolves when the warm-up has folded every issue (or was stopped); at once without an index file. */
  warmed(): Promise<void>;
  /** Resolves once the first catch-up has reached the end of $all. */
  ready(): Promise<void>;
}

/**
 * The read side with its parts: for src/read itself, the composition root, the CLI's replay, tests
 * and benchmarks. Routes take a ReadSide.
 */
export interface ReadSideParts extends ReadSide {
  readonly store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  readonly index: ReadIndex;
  readonly models: ReadModels;
  readonly projector: Projector;
  /**
   * An empty index for a full replay beside the live one (POST /v1/audit/replay). With a data dir it
   * is kept in a scratch file there, so a replay of a large ledger holds a bounded cache in memory,
   * not every envelope; dispose() deletes the file.
   */
  scratchIndex(): { index: ReadIndex; dispose(): Promise<void> };
  /** The audit replay beside this read side, one at a time (audit-replay.ts). */
  readonly replays: AuditReplays;
}

export interface WarmUp {
  /** Issues whose position and agency views are folded and cached, of how many. */
  readonly done: number;
  readonly of: number;
  readonly finished: boolean;
}

/** The warm-up folds issues for this long, then lets requests and the projector in. */
const WARM_SLICE_MS = 10;

/** Bump when the envelope or file layout changes: an old file is then rebuilt from the store. */
const INDEX_FORMAT = `4;${projectionsVersion}`;

const SCRATCH_PREFIX = 'replay-scratch-';
const INDEX_FILE = 'read-models.sqlite';
const SEARCH_FILE = 'search.sqlite';

export function createReadSide(options: ReadSideOptions): ReadSideParts {
  let file: IndexFile | undefined;
  const { dataDir } = options;
  if (dataDir !== undefined) {
    // A scratch file left by a process that stopped in the middle of a replay.
    for (const name of existsSync(dataDir) ? readdirSync(dataDir) : [])
      if (name.startsWith(SCRATCH_PREFIX)) rmSync(join(dataDir, name), { force: true });
    // Written on a thread of its own, read here (ADR 0056).
    file = openIndexFileInThread(join(dataDir, INDEX_FILE), INDEX_FORMAT);
  }
  const cache = options.cachedEnvelopes === undefined ? {} : { cachedEnvelopes: options.cachedEnvelopes };
  const index = file === undefined ? createMemoryIndex() : createFileIndex(file, cache);
  const logger = options.logger.child({ component: 'projector' });
  const projector = createProjector({
    store: options.store,
    index,
    logger,
    ...(options.integrity === undefined ? {} : { observer: options.integrity.observer }),
  });
  const models = createReadModels(index);
  // Opened at the first search: a ledger nobody searches builds no text index.
  let searchIndex: SearchIndex | undefined;
  /**
   * Full-text search over the ledger's texts as this reader may read them (search-index.ts), up to date with the index.
   */
  const search = (query: SearchQuery, reader: Reader, clearance: Classification): SearchPage => {
    searchIndex ??= openSearchIndex(dataDir === undefined ? null : join(dataDir, SEARCH_FILE));
    searchIndex.catchUp(index);
    return searchIndex.search(query, reader, clearance);
  };

  // After a restart from the index file, each issue's envelopes are still in the file: the first
  // answer for every issue (GET /v1/positions) would read them all back (ADR 0013: seconds). The
  // warm-up does that in the background once the projector has caught up, a slice at a time, so the
  // folds (and the revisions its answers show) are cached before the first reader asks. It only
  // fills caches: answers are the same.
  let warm: { done: number; of: number; finished: boolean } | null = null;
  let stopped = false;
  let stopping: () => void = () => undefined;
  const stoppedSignal = new Promise<void>((resolve) => (stopping = resolve));
  let warming: Promise<void> = Promise.resolve();
  const warmUp = async (): Promise<void> => {
    // stop() must not wait for a catch-up that cannot finish (the store away).
    await Promise.race([projector.ready(), stoppedSignal]);
    if (stopped) return;
    const ids = index.idsOf('issue').slice();
    const state = { done: 0, of: ids.length, finished: false };
    warm = state;
    // Any instant after every entry gives the complete folds, the ones the cache keeps.
    const now = asOfFor('valid', new Date().toISOString());
    while (state.done < ids.length && !stopped) {
      const until = performance.now() + WARM_SLICE_MS;
      while (state.done < ids.length && performance.now() < until) {
        const issueId = ids[state.done] ?? '';
        models.alignment(now, { issueId });
        models.revisions({ kind: 'issue', id: issueId }, now);
        state.done += 1;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    state.finished = !stopped;
    if (state.finished) logger.info({ issues: state.of }, 'read models warmed');
  };

  const side = {
    store: options.store,
    index,
    models,
    projector,
    async start() {
      await projector.start();
      if (file !== undefined) {
        warming = warmUp().catch((error: unknown) => {
          // Only a cache goes unfilled: readers fold on demand as they would without it.
          if (!stopped) logger.warn({ err: error }, 'warming the read models failed');
        });
      }
    },
    async stop() {
      stopped = true;
      stopping();
      await replays.stop();
      await warming;
      await projector.stop();
      await file?.close();
      searchIndex?.close();
      searchIndex = undefined;
    },
    warmUp: (): WarmUp | null => (warm === null ? null : { ...warm }),
    warmed: () => warming,
    ready: () => projector.ready(),
    scratchIndex(): { index: ReadIndex; dispose(): Promise<void> } {
      if (dataDir === undefined) return { index: createMemoryIndex(), dispose: async () => undefined };
      const path = join(dataDir, `${SCRATCH_PREFIX}${randomUUID()}.sqlite`);
      const scratch = openIndexFile(path, INDEX_FORMAT, { scratch: true });
      return {
        index: createFileIndex(scratch, { ...cache }),
        async dispose() {
          scratch.close();
          // Unlinking a file of a large replay is not instant: not on the event loop.
          await rm(path, { force: true });
        },
      };
    },
  };
  const worker =
    dataDir !== undefined && options.storeConnection !== undefined
      ? {
          storeConnection: options.storeConnection,
          livePath: join(dataDir, INDEX_FILE),
          format: INDEX_FORMAT,
          ...cache,
          scratchPath: () => join(dataDir, `${SCRATCH_PREFIX}${randomUUID()}.sqlite`),
        }
      : undefined;
  const integrity = options.integrity;
  const replays = createAuditReplays(side, {
    ...(worker === undefined ? {} : { worker }),
    ...(integrity === undefined ? {} : { verifyStore: () => integrity.verifyStore() }),
  });
  const questions = createQuestions({
    store: options.store,
    index,
    models,
    projector,
    replays,
    search,
    warming: () => warmingDetail(side.warmUp()),
    clock: options.clock,
  });
  return { ...side, ...questions, replays };
}

/** While the read side warms its caches after a restart (it serves meanwhile, folding on demand). */
function warmingDetail(w: WarmUp | null): string {
  return w === null || w.finished || w.done >= w.of
    ? ''
    : `; warming the read models: ${w.done} of ${w.of} issues folded`;
}
