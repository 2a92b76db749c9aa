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
import { ledgerApi } from '../http/app.js';
import { createInstance, type LedgerApp } from '../http/instance.js';
import { registerWorkspace } from '../web/plugin.js';
import { createSessions } from '../web/sessions.js';
import demoData from './demo-data.js';
import eventStore from './event-store.js';

export interface AssembledLedger {
  /** Ready, not listening; `app.eventStore`, `app.readSide` and `app.demoLoad` are its pieces. */
  app: LedgerApp;
  ledger: Ledger;
  tokens: TokenStore;
}

/** Version shown in the OpenAPI document. */
const API_VERSION = '1.0.0';

export async function assembleLedger(config: Config, logger: Logger): Promise<AssembledLedger> {
  // The read index and the token file live here too, with an external store as well (0700).
  ensurePrivateDir(config.dataDir);
  // Before the store: a missing or bad REQUEST_HASH_KEY_FILE stops the start with nothing opened.
  const requestHashKey = await loadRequestHashKey(config.requestHashKey);
  const app = createInstance(logger, config);
  try {
    await app.register(eventStore, { settings: config, logger });
    const { store, connectionString } = app.eventStore;
    await app.register(demoData, { enabled: config.seedDemo, logger, requestHashKey });
    const ledger = createLedger({ store, logger: logger.child({ component: 'ledger' }), requestHashKey, coordinatingAgency: config.coordinatingAgency });
    const tokens = createTokenStore(config.tokenStore);
    const sessions = createSessions({ tokens });
    await app.register(ledgerApi, {
      deps: { ledger, tokens, sessions, store, read: { store, dataDir: config.dataDir, storeConnection: connectionString }, logger, config },
      version: API_VERSION,
    });
    await registerWorkspace(app, { sessions, coordinatingAgency: config.coordinatingAgency });
    await app.ready();
    return { app, ledger, tokens };
  } catch (err) {
    await app.close();
    throw err;
  }
}
