// Starts the whole ledger: assembles it (./app.ts: event store, demo data when asked, ledger, read side,
// HTTP API, workspace) and listens. `close()` is `app.close()`: every piece closes in reverse order of
// assembly. Signals and printing belong to the CLI (commands/serve.ts).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Ledger } from '../application/ledger.js';
import type { TokenStore } from '../auth/tokens.js';
import type { LedgerApp } from '../http/instance.js';
import type { LoadReport } from '../seed/demo.js';
import { startMetricsServer } from '../metrics/server.js';
import { assembleLedger } from './app.js';

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
  /** With METRICS_PORT: where GET /metrics answers (else it is the API's, behind a bearer token). */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

export async function startLedger(config: Config, logger: Logger): Promise<RunningLedger> {
  const { app, ledger, tokens, metrics } = await assembleLedger(config, logger);
  let metricsUrl: string | undefined;
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  try {
    // Its own listener (METRICS_PORT), closed before the app's pieces are.
    if (config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer(metrics, { host: config.metricsHost, port: config.metricsPort });
      metricsUrl = `${metricsServer.url}/metrics`;
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await metricsServer?.close();
    // A port in use: what the assembly opened (store, read side) is closed again.
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    app,
    ledger,
    tokens,
    url,
    storeConnection: app.eventStore.connectionString,
    embeddedStore: app.eventStore.embedded,
    seeded: app.demoLoad,
    metricsUrl,
    close: () =>
      (closing ??= (async () => {
        await metricsServer?.close();
        await app.close();
      })()),
  };
}
