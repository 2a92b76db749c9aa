// The whole API as `npm start` builds it: buildApp over a real ledger on the test store (embedded, or
// ESDB_URL), the read side (`app.readSide`, its index file and a real token store in a temporary
// directory), the write and the read routes. Requests go through app.inject.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import type { Agency, Clearance, Principal, Role } from '../../../contracts/index.js';
import { buildApp, type HttpConfig, type LedgerApp } from '../../../src/http/app.js';
import { createLedger } from '../../../src/application/ledger.js';
import { createLedgerStore, type LedgerStore, type StoredEvent } from '../../../src/store/adapter.js';
import { createTokenStore, type TokenStore } from '../../../src/auth/tokens.js';
import { openTestStore } from '../../helpers/esdb.js';
import { captureLog, type CapturedLog } from './log-capture.js';

export const defaultHttpConfig: HttpConfig = {
  bodyLimitBytes: 64 * 1024,
  rateLimitMax: 100_000,
  rateLimitWindowMs: 60_000,
  authFailureLimitMax: 100_000,
  authFailureWindowMs: 60_000,
  trustProxy: false,
  requestTimeoutMs: 10_000,
};

export interface PostOptions {
  token?: string | undefined;
  /** Idempotency-Key; a fresh UUID unless given; `null` sends none. */
  key?: string | null;
  ifMatch?: string;
  headers?: Record<string, string>;
}

export interface Api {
  app: LedgerApp;
  store: LedgerStore;
  tokens: TokenStore;
  log: CapturedLog;
  /** Path of the token store's file. */
  tokenFile: string;
  /** Stops the event store under the running app (the app keeps running). */
  stopStore(): Promise<void>;
  /** A token for a new principal with these roles. */
  tokenFor(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<string>;
  post(url: string, body: object, options?: PostOptions): Promise<LightMyRequestResponse>;
  /** Sends a raw payload (for malformed JSON and other media types). */
  postRaw(url: string, payload: string, contentType: string, options?: PostOptions): Promise<LightMyRequestResponse>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  readStream(name: string): Promise<StoredEvent[]>;
  /** Every ledger event in $all, in order. */
  readAll(): Promise<StoredEvent[]>;
}

export interface OpenApiOptions {
  config?: Partial<HttpConfig>;
  /** Serve GET /metrics on the API (the default), or not (METRICS_PORT). */
  metricsRoute?: boolean;
  /** What the read side reads the store through (default: the store itself), e.g. a slower link. */
  readStore?: (store: LedgerStore) => Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  /** What "now" is for the read side (default: the wall clock): a test moves it past a date in the data. */
  readClock?: () => Date;
}

function headersFor(options: PostOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  return headers;
}

export async function openApi(t: Test, options: OpenApiOptions = {}): Promise<Api> {
  const testStore = await openTestStore();
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-http-'));
  const log = captureLog('info');
  const store = createLedgerStore(testStore.client);
  const ledger = createLedger({ store, logger: log.logger });
  const tokenFile = path.join(dir, 'tokens.json');
  const tokens = createTokenStore(tokenFile);
  let storeOpen = true;
  const stopStore = async (): Promise<void> => {
    if (!storeOpen) return;
    storeOpen = false;
    await testStore.close();
  };
  const app = await buildApp({
    ledger,
    tokens,
    store,
    read: {
      store: options.readStore?.(store) ?? store,
      dataDir: dir,
      storeConnection: testStore.connectionString,
      ...(options.readClock === undefined ? {} : { clock: options.readClock }),
    },
    logger: log.logger,
    config: { ...defaultHttpConfig, ...options.config },
    ...(options.metricsRoute === undefined ? {} : { metricsRoute: options.metricsRoute }),
  });
  await app.ready();
  // As after `npm start` once /readyz says ready: the read side has caught up with the store.
  await app.readSide.projector.ready();
  t.teardown(async () => {
    await app.close();
    await stopStore();
    await rm(dir, { recursive: true, force: true });
  });

  let principals = 0;
  return {
    app,
    store,
    tokens,
    log,
    tokenFile,
    stopStore,
    async tokenFor(roles, agency = 'MFA', clearance = 'secret') {
      principals += 1;
      const principal: Principal = {
        id: `test-${principals}-${randomUUID().slice(0, 8)}`,
        agency,
        roles: Array.isArray(roles) ? roles : [roles],
        clearance,
      };
      return (await tokens.create(principal, 'http e2e test')).token;
    },
    post: (url, body, opts = {}) => app.inject({ method: 'POST', url, headers: headersFor(opts), payload: body }),
    postRaw: (url, payload, contentType, opts = {}) =>
      app.inject({ method: 'POST', url, headers: { ...headersFor(opts), 'content-type': contentType }, payload }),
    get: (url, token) =>
      app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }),
    async readStream(name) {
      return (await store.readStream(name)).events;
    },
    async readAll() {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) events.push(event);
      return events;
    },
  };
}
