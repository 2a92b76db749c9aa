// Starts the whole ledger: the event store (embedded on DATA_DIR unless ESDB_URL), the write side, the
// token store, the read side, the HTTP API and the workspace (src/web) at /; loads the demo data into an
// empty store when asked (or finishes a load an earlier start did not complete).
// `close()` undoes it all in reverse order. Signals and printing belong to the CLI (commands/serve.ts).
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createLedger, type Ledger } from './application/ledger.js';
import { demoLoadNeeded, seedDemo } from './seed/load.js';
import { loadRequestHashKey } from './auth/request-hash-key.js';
import { createTokenStore, type TokenStore } from './auth/tokens.js';
import { ensurePrivateDir } from './files/private.js';
import { buildApp, type LedgerApp } from './http/app.js';
import { registerReadApi } from './http/routes/read/index.js';
import { registerAdminApi } from './http/routes/admin.js';
import { backupDataDir } from './ops/backup.js';
import { createReadSide } from './read/read-side.js';
import { openStore } from './store/connect.js';
import type { LoadReport } from './seed/demo.js';
import { registerWorkspace } from './web/plugin.js';
import { createSessions } from './web/sessions.js';

export interface RunningLedger {
  app: LedgerApp;
  ledger: Ledger;
  tokens: TokenStore;
  /** Base URL of the API, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Where the event store is reached. */
  storeConnection: string;
  embeddedStore: boolean;
  /** The demo data load, when it ran (SEED_DEMO, and an empty store or an unfinished load). */
  seeded: LoadReport | undefined;
  close(): Promise<void>;
}

export async function startLedger(config: Config, logger: Logger): Promise<RunningLedger> {
  const cleanups: Array<{ name: string; close: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const { name, close } of cleanups.splice(0).reverse()) {
      try {
        logger.debug({ part: name }, 'closing');
        await close();
        logger.debug({ part: name }, 'closed');
      } catch (err) {
        logger.error({ err, part: name }, 'error while closing');
      }
    }
  };

  try {
    // The read index and the token file live here too, with an external store as well (0700).
    ensurePrivateDir(config.dataDir);
    // Before the store: a missing or bad REQUEST_HASH_KEY_FILE stops the start with nothing opened.
    const requestHashKey = await loadRequestHashKey(config.requestHashKey);
    const opened = await openStore(config, logger);
    cleanups.push({ name: 'event store', close: () => opened.close() });
    const { store } = opened;
    await store.ping(10_000);
    logger.info({ store: opened.embedded ? 'embedded' : 'external', connection: opened.connectionString }, 'event store reachable');

    const ledger = createLedger({ store, logger: logger.child({ component: 'ledger' }), requestHashKey, coordinatingAgency: config.coordinatingAgency });
    const tokens = createTokenStore(config.tokenStore);

    let seeded: LoadReport | undefined;
    const demo = config.seedDemo ? await demoLoadNeeded(store) : undefined;
    if (demo !== undefined) {
      // Loading is idempotent per step: an earlier start cut off while loading is finished here.
      logger.info(demo === 'empty' ? 'empty store: loading the demo data' : 'the demo data load did not finish: loading the rest');
      // One log line per demo event would bury the start-up message: the seed logs only warnings
      // (unless the configured level is already quieter) and its summary below.
      const quiet = logger.levelVal >= (logger.levels.values['warn'] ?? 40) ? logger.level : 'warn';
      // The demo data is MFA's record of the AHC consultations, made while MFA coordinated: it is written
      // with MFA as the coordinating agency whatever COORDINATING_AGENCY says (ledger's default).
      seeded = await seedDemo(createLedger({ store, logger: logger.child({ component: 'seed' }, { level: quiet }), requestHashKey }));
      logger.info({ ...seeded }, 'demo data loaded');
    }

    const readSide = createReadSide({ store, logger, dataDir: config.dataDir, storeConnection: opened.connectionString });
    await readSide.start();
    cleanups.push({ name: 'read side', close: () => readSide.stop() });

    const sessions = createSessions({ tokens });
    const app = await buildApp({ ledger, tokens, sessions, store, logger, config });
    await registerReadApi(app, readSide);
    const backupTo = opened.backupTo;
    const dataFiles = { dataDir: config.dataDir, tokenStore: config.tokenStore, requestHashKeyFile: config.requestHashKey.file };
    await registerAdminApi(app, { backup: backupTo === undefined ? undefined : (dir) => backupDataDir(dir, dataFiles, backupTo) });
    await registerWorkspace(app, { sessions, coordinatingAgency: config.coordinatingAgency });
    cleanups.push({ name: 'http', close: () => app.close() });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = address !== null && typeof address === 'object' ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    let closing: Promise<void> | undefined;
    return {
      app,
      ledger,
      tokens,
      url,
      storeConnection: opened.connectionString,
      embeddedStore: opened.embedded,
      seeded,
      close: () => (closing ??= closeAll()),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
