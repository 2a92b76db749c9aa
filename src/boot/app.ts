// The composition root (ADR 0031): the one place that assembles the ledger. Config → event store
// (embedded on DATA_DIR, or ESDB_URL) → demo data when asked → ledger → HTTP API (auth, the ledger,
// health, the read side as `app.readSide`, the /v1 routes) → workspace. Each piece that opens something
// is a Fastify plugin that closes it on `onClose`, so `app.close()` closes everything in reverse order
// of assembly, and a start that fails part-way closes what it had opened.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createLedger, type Ledger } from '../application/ledger.js';
import { loadRequestHashKey } from '../auth/request-hash-key.js';
import { createTokenStore, type TokenStore } from '../auth/tokens.js';
import { ensurePrivateDir } from '../files/private.js';
import { assertRoomToWrite } from '../files/room-to-write.js';
import { ledgerApi } from '../http/app.js';
import { createInstance, type LedgerApp } from '../http/instance.js';
import { registerWorkspace } from '../web/plugin.js';
import { createSessions } from '../web/sessions.js';
import { createLedgerMetrics, type LedgerMetrics } from '../metrics/ledger-metrics.js';
import { instrumentStore } from '../metrics/instrumented-store.js';
import { keepStreamReads } from '../store/stream-reads-kept.js';
import { observeReadSide } from '../metrics/read-side.js';
import { createReadAuditLog } from '../read/read-audit.js';
import { startIntegrity } from '../read/integrity-start.js';
import { registerIntegrity } from '../http/routes/integrity.js';
import { registerAdminApi } from '../http/routes/admin.js';
import { backupDataDir } from '../ops/backup.js';
import demoData from './demo-data.js';
import eventStore from './event-store.js';

export interface AssembledLedger {
  /** Ready, not listening; `app.eventStore`, `app.readSide` and `app.demoLoad` are its pieces. */
  app: LedgerApp;
  ledger: Ledger;
  tokens: TokenStore;
  /** This ledger's metrics registry (served on the API, or on METRICS_PORT by the server). */
  metrics: LedgerMetrics;
}

/** Version shown in the OpenAPI document. */
const API_VERSION = '1.0.0';

export async function assembleLedger(config: Config, logger: Logger): Promise<AssembledLedger> {
  // The read index and the token file live here too, with an external store as well (0700).
  ensurePrivateDir(config.dataDir);
  // A full or read-only disk stops the start, whatever files an earlier run left there; with ESDB_URL too (the read
  // index and the token file are here). The embedded store probes once more as it opens, for `ledger store`.
  assertRoomToWrite(config.dataDir);
  // Before the store: a missing or bad REQUEST_HASH_KEY_FILE stops the start with nothing opened.
  const requestHashKey = await loadRequestHashKey(config.requestHashKey);
  const app = createInstance(logger, config);
  try {
    await app.register(eventStore, { settings: config, logger });
    const { connectionString } = app.eventStore;
    // One registry for this ledger (ADR 0037): appends are measured through the store they go to.
    const metrics = createLedgerMetrics({ processMetrics: true });
    if (app.eventStore.metrics !== undefined) metrics.addSource(app.eventStore.metrics);
    const store = instrumentStore(app.eventStore.store, metrics);
    await app.register(demoData, { enabled: config.seedDemo, logger, requestHashKey });
    // The Merkle log and the checks on every event read (ADR 0034): the write side reads streams
    // through its guard (over what it has read of each stream, kept: ADR 0041), the projector hands it
    // every event, the API reports what broke. Closed after
    // the read side that feeds it, before the store.
    const integrity = startIntegrity({
      config: config.checkpoints,
      dataDir: config.dataDir,
      store,
      logger,
      storeConnection: connectionString,
    });
    app.addHook('onClose', async () => {
      try {
        await integrity.stop();
      } catch (err) {
        logger.error({ err, part: 'integrity' }, 'error while closing');
      }
    });
    const ledger = createLedger({
      store: integrity.guard(keepStreamReads(store)),
      logger: logger.child({ component: 'ledger' }),
      requestHashKey,
      coordinatingAgency: config.coordinatingAgency,
    });
    const tokens = createTokenStore(config.tokenStore);
    const sessions = createSessions({ tokens });
    // Records of classified content shown, appended in batches; flushed before the store closes.
    const audit = createReadAuditLog({
      store,
      logger: logger.child({ component: 'read-audit' }),
      metrics: metrics.readAudit,
    });
    app.addHook('onClose', async () => {
      try {
        await audit.close();
      } catch (err) {
        logger.error({ err, part: 'read audit' }, 'error while closing');
      }
    });
    await app.register(ledgerApi, {
      deps: {
        ledger,
        tokens,
        sessions,
        store,
        read: { store, dataDir: config.dataDir, storeConnection: connectionString, integrity },
        logger,
        config,
        metrics,
        metricsRoute: config.metricsPort === undefined,
        readAudit: { audit },
      },
      version: API_VERSION,
    });
    void app.readSide.ready().then(() => integrity.caughtUp());
    await registerIntegrity(app, integrity);
    // POST /v1/admin/backup: an online copy of the embedded store's files while serving (ADR 0036).
    const backupTo = app.eventStore.backupTo;
    const dataFiles = {
      dataDir: config.dataDir,
      tokenStore: config.tokenStore,
      requestHashKeyFile: config.requestHashKey.file,
    };
    await registerAdminApi(app, {
      backup: backupTo === undefined ? undefined : (dir) => backupDataDir(dir, dataFiles, backupTo),
    });
    observeReadSide(metrics, app.readSide, { lag: async () => app.readSide.lag(await store.headPosition()) });
    await registerWorkspace(app, { sessions, coordinatingAgency: config.coordinatingAgency });
    await app.ready();
    return { app, ledger, tokens, metrics };
  } catch (err) {
    await app.close();
    throw err;
  }
}
