// Opens the server's integrity monitor (ADR 0034): the signing key (generated 0600 into DATA_DIR on
// first start, or the operator's SIGNING_KEY_FILE, which must exist), the Merkle log file beside the
// read index, and the monitor over both. The verifier key is logged at start: what an auditor needs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type CheckpointConfig } from '../config.js';
import { tightenFile } from '../files/private.js';
import { loadOrCreateSigningKey, SigningKeyError } from '../integrity/index.js';
import type { LedgerStore } from '../store/adapter.js';
import { createIntegrityMonitor, type IntegrityMonitor } from './integrity.js';
import { LOG_FILE } from './integrity-log.js';

export interface IntegrityStartOptions {
  readonly config: CheckpointConfig;
  /** Where the log file lives; none = in memory. */
  readonly dataDir?: string;
  readonly store: Pick<LedgerStore, 'readAll' | 'append'>;
  readonly logger: Logger;
  readonly sweepOnStart?: boolean;
  /** The store's address, for the start-up sweep's own connection (ADR 0076). */
  readonly storeConnection?: string;
}

export function startIntegrity(options: IntegrityStartOptions): IntegrityMonitor {
  const { config, logger } = options;
  const keyFile = config.signingKey.file;
  if (!config.signingKey.createIfMissing && !existsSync(keyFile)) {
    throw new ConfigError([{ variable: 'SIGNING_KEY_FILE', message: `${keyFile} does not exist` }]);
  }
  let loaded;
  try {
    loaded = loadOrCreateSigningKey(keyFile, config.origin);
  } catch (error) {
    if (error instanceof SigningKeyError)
      throw new ConfigError([{ variable: 'SIGNING_KEY_FILE', message: `${keyFile}: ${error.message}` }]);
    throw error;
  }
  const child = logger.child({ component: 'integrity' });
  if (loaded.readableByOthers) {
    // The default file under DATA_DIR is ours to tighten (an older version may have left it open); an
    // operator's file is theirs: say so.
    if (config.signingKey.createIfMissing) tightenFile(keyFile);
    else child.warn({ file: keyFile }, 'the checkpoint signing key file is readable by others: chmod 600 it');
  }
  const monitor = createIntegrityMonitor({
    logFile: options.dataDir === undefined ? ':memory:' : join(options.dataDir, LOG_FILE),
    store: options.store,
    key: loaded.key,
    origin: config.origin,
    policy: { everyLeaves: config.everyEvents, everyMs: config.everyMs },
    logger: child,
    ...(options.sweepOnStart === undefined ? {} : { sweepOnStart: options.sweepOnStart }),
    ...(options.storeConnection === undefined ? {} : { storeConnection: options.storeConnection }),
  });
  child.info(
    {
      verifierKey: loaded.key.verifierKey,
      origin: config.origin,
      created: loaded.created,
      treeSize: monitor.log.tree.size(),
    },
    `checkpoints are signed with the key ${loaded.key.verifierKey}`,
  );
  return monitor;
}
