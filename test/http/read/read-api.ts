// The whole API (../helpers/api.ts, its read side caught up with the store) as the read routes' tests
// use it. Requests go through app.inject.
import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import type { Agency, Clearance, Role } from '../../../contracts/index.js';
import type { LedgerApp } from '../../../src/http/app.js';
import type { LedgerStore } from '../../../src/store/adapter.js';
import type { ReadSideParts } from '../../../src/read/read-side.js';
import { openApi, type OpenApiOptions } from '../helpers/api.js';

export interface ReadApi {
  app: LedgerApp;
  store: LedgerStore;
  read: ReadSideParts;
  tokenFor(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<string>;
  post(url: string, body: object, token: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, token: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export type ReadApiOptions = Pick<OpenApiOptions, 'readStore' | 'readClock'>;

export async function openReadApi(t: Test, options: ReadApiOptions = {}): Promise<ReadApi> {
  const api = await openApi(t, options);
  const { app } = api;
  return {
    app,
    store: api.store,
    read: app.readSide,
    tokenFor: (roles, agency, clearance) => api.tokenFor(roles, agency, clearance),
    post: (url, body, token, headers = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...headers, authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
        payload: body,
      }),
    get: (url, token, headers = {}) =>
      app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` } }),
  };
}
