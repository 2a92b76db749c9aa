// The read side as one unit: index + projector (+ snapshot under DATA_DIR) + as-of queries.
// Created by whoever starts the API (or a test) with the app's store adapter; no module state.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LedgerStore } from '../store/adapter.js';
import { projectionsVersion } from '../../projections/index.js';
import { createProjector, type Projector } from './projector.js';
import { createReadIndex, type ReadIndex } from './read-index.js';
import { createReadModels, type ReadModels } from './read-models.js';
import { openSnapshotStore, type SnapshotStore } from './snapshot.js';

export interface ReadSideOptions {
  store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  logger: Logger;
  /** Directory for the read-side snapshot (read-models.sqlite); none = keep everything in memory only. */
  dataDir?: string;
}

export interface ReadSide {
  readonly store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  readonly index: ReadIndex;
  readonly models: ReadModels;
  readonly projector: Projector;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bump when the envelope or snapshot layout changes: an old snapshot is then rebuilt from the store. */
const SNAPSHOT_FORMAT = `1;${projectionsVersion}`;

export function createReadSide(options: ReadSideOptions): ReadSide {
  const index = createReadIndex();
  let snapshot: SnapshotStore | undefined;
  if (options.dataDir !== undefined) snapshot = openSnapshotStore(join(options.dataDir, 'read-models.sqlite'), SNAPSHOT_FORMAT);
  const projector = createProjector({
    store: options.store,
    index,
    logger: options.logger.child({ component: 'projector' }),
    ...(snapshot === undefined ? {} : { snapshot }),
  });
  return {
    store: options.store,
    index,
    models: createReadModels(index),
    projector,
    start: () => projector.start(),
    async stop() {
      await projector.stop();
      snapshot?.close();
    },
  };
}
