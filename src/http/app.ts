// The HTTP API as a plugin (style.md 4): `buildApp` creates the instance (./instance.ts) and registers
// `ledgerApi`, which the composition root (src/boot/app.ts) and the tests share: the write and the read
// routes under /v1 over the ledger and the read side (plugins/read-side.ts, `app.readSide`).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createInstance, type HttpConfig, type LedgerApp } from './instance.js';
import infrastructure from './infrastructure.js';
import { translateStoreError } from './errors/store.js';
import { translateDomainError } from './errors/domain.js';
import { translateApplicationError } from './errors/application.js';
import { translateReadError } from './errors/read.js';
import auth, { requireBearer, type SessionVerifier, type TokenVerifier } from './plugins/auth.js';
import ledger, { type LedgerPort } from './plugins/ledger.js';
import health, { type StorePing } from './plugins/health.js';
import readSide from './plugins/read-side.js';
import type { ReadSideOptions } from '../read/read-side.js';
import metricsPlugin from './plugins/metrics.js';
import readAudit, { type ReadAuditPluginOptions } from './plugins/read-audit.js';
import { createLedgerMetrics, type LedgerMetrics } from '../metrics/ledger-metrics.js';
import { v1Routes } from './routes/index.js';

export type { HttpConfig, LedgerApp } from './instance.js';

export interface HttpDeps {
  ledger: LedgerPort;
  tokens: TokenVerifier;
  /** Signed-in browser sessions of the workspace (src/web), accepted where no bearer token is sent. */
  sessions?: SessionVerifier;
  /** Reachability of the event store, for /readyz. */
  store: StorePing;
  /** The read side over the same store (its index file under `dataDir`, when given). */
  read: Omit<ReadSideOptions, 'logger'>;
  logger: Logger;
  config: HttpConfig;
  /**
   * The ledger's metrics registry (src/metrics); a fresh one of the app's own when absent; null: none at all (a
   * benchmark's baseline).
   */
  metrics?: LedgerMetrics | null;
  /** Serve GET /metrics on the API behind a bearer token (default); false when METRICS_PORT serves it. */
  metricsRoute?: boolean;
  /** The audit of classified reads and GET /v1/audit/reads (src/read/read-audit.ts); none: not recorded. */
  readAudit?: Omit<ReadAuditPluginOptions, 'consultationLevel'>;
}

export interface BuildAppOptions {
  /** Version shown in the OpenAPI document. */
  version?: string;
}

export interface LedgerApiOptions {
  deps: HttpDeps;
  version: string;
}

async function ledgerApiPlugin(app: FastifyInstance, { deps, version }: LedgerApiOptions): Promise<void> {
  await app.register(infrastructure, {
    config: deps.config,
    translators: [translateApplicationError, translateDomainError, translateStoreError, translateReadError],
    version,
  });
  await app.register(auth, {
    tokens: deps.tokens,
    ...(deps.sessions === undefined ? {} : { sessions: deps.sessions }),
  });
  if (deps.metrics !== null)
    await app.register(metricsPlugin, {
      metrics: deps.metrics ?? createLedgerMetrics(),
      route: deps.metricsRoute ?? true,
    });
  await app.register(ledger, { ledger: deps.ledger, writeTimeoutMs: deps.config.requestTimeoutMs });
  await app.register(health, { store: deps.store });
  await app.register(readSide, { ...deps.read, logger: deps.logger });
  // A consultation's marking is the read side's: what it recorded counts at that level.
  if (deps.readAudit !== undefined)
    await app.register(readAudit, { ...deps.readAudit, consultationLevel: (id) => app.readSide.consultationLevel(id) });

  await app.register(
    async (v1) => {
      requireBearer(v1);
      for (const routes of v1Routes) await v1.register(routes);
    },
    { prefix: '/v1' },
  );
}

export const ledgerApi = fp(ledgerApiPlugin, { name: 'ledger-api', fastify: '5.x' });

export async function buildApp(deps: HttpDeps, options: BuildAppOptions = {}): Promise<LedgerApp> {
  const app = createInstance(deps.logger, deps.config);
  await app.register(ledgerApi, { deps, version: options.version ?? '1.0.0' });
  return app;
}
