// The read side as one unit: index (+ its file under DATA_DIR) + projector + as-of queries.
// Created by whoever starts the API (or a test) with the app's store adapter; no module state.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LedgerStore } from '../store/adapter.js';
import { projectionsVersion } from '../../projections/index.js';
import { createProjector, type Projector } from './projector.js';
import { createReadIndex, type ReadIndex } from './read-index.js';
import { createReadModels, type ReadModels } from './read-models.js';
import { openIndexFile, type IndexFile } from './index-file.js';

export interface ReadSideOptions {
  store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  logger: Logger;
  /** Directory for the read index file (read-models.sqlite); none = keep everything in memory only. */
  dataDir?: string;
  /** With a data dir: how many envelopes the index keeps in memory, read back from its file. */
  cachedEnvelopes?: number;
}

export interface ReadSide {
  readonly store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  readonly index: ReadIndex;
  readonly models: ReadModels;
  readonly projector: Projector;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bump when the envelope or file layout changes: an old file is then rebuilt from the store. */
const INDEX_FORMAT = `4;${projectionsVersion}`;

export function createReadSide(options: ReadSideOptions): ReadSide {
  let file: IndexFile | undefined;
  if (options.dataDir !== undefined) file = openIndexFile(join(options.dataDir, 'read-models.sqlite'), INDEX_FORMAT);
  const index = createReadIndex({
    ...(file === undefined ? {} : { file }),
    ...(options.cachedEnvelopes === undefined ? {} : { cachedEnvelopes: options.cachedEnvelopes }),
  });
  const projector = createProjector({ store: options.store, index, logger: options.logger.child({ component: 'projector' }) });
  return {
    store: options.store,
    index,
    models: createReadModels(index),
    projector,
    start: () => projector.start(),
    async stop() {
      await projector.stop();
      file?.close();
    },
  };
}
