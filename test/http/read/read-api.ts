// The API as the app builds it, plus the read side (projector on the same store) registered with
// registerReadApi. Requests go through app.inject.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import type { Agency, Clearance, Principal, Role } from '../../../contracts/index.js';
import { buildApp, type LedgerApp } from '../../../src/http/app.js';
import { createLedger } from '../../../src/application/ledger.js';
import { createLedgerStore, type LedgerStore } from '../../../src/store/adapter.js';
import { createTokenStore } from '../../../src/auth/tokens.js';
import { createReadSide, type ReadSideParts } from '../../../src/read/read-side.js';
import { registerReadApi } from '../../../src/http/routes/read/index.js';
import { openTestStore } from '../../helpers/esdb.js';
import { defaultHttpConfig } from '../helpers/api.js';

export interface ReadApi {
  app: LedgerApp;
  store: LedgerStore;
  read: ReadSideParts;
  tokenFor(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<string>;
  post(url: string, body: object, token: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, token: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface ReadApiOptions {
  /** What the read side reads the store through (default: the store itself), e.g. a slower link. */
  readStore?: (store: LedgerStore) => Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
}

export async function openReadApi(t: Test, options: ReadApiOptions = {}): Promise<ReadApi> {
  const testStore = await openTestStore();
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-read-http-'));
  const logger = pino({ level: 'silent' });
  const store = createLedgerStore(testStore.client);
  const tokens = createTokenStore(path.join(dir, 'tokens.json'));
  const read = createReadSide({ store: options.readStore?.(store) ?? store, logger, dataDir: dir, storeConnection: testStore.connectionString });
  const app = await buildApp({ ledger: createLedger({ store, logger }), tokens, store, logger, config: defaultHttpConfig });
  await registerReadApi(app, read);
  await app.ready();
  await read.start();
  await read.projector.ready();
  t.teardown(async () => {
    await app.close();
    await read.stop();
    await testStore.close();
    await rm(dir, { recursive: true, force: true });
  });
  let n = 0;
  return {
    app,
    store,
    read,
    async tokenFor(roles, agency = 'MFA', clearance = 'secret') {
      n += 1;
      const principal: Principal = { id: `reader-${n}-${randomUUID().slice(0, 8)}`, agency, roles: Array.isArray(roles) ? roles : [roles], clearance };
      return (await tokens.create(principal, 'read e2e test')).token;
    },
    post: (url, body, token, headers = {}) => app.inject({ method: 'POST', url, headers: { ...headers, authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, payload: body }),
    get: (url, token, headers = {}) => app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` } }),
  };
}
