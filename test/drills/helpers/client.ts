// What a drill does to a running ledger from outside: HTTP over loopback (fetch), tokens written to the
// token file the server re-reads, and the event store read through the official client (the store
// address the ledger publishes in DATA_DIR, or the one a drill runs itself).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { Agency, Clearance, Role } from '../../../contracts/index.js';
import { createTokenStore } from '../../../src/auth/tokens.js';
import { createLedgerStore, type LedgerStore, type StoredEvent } from '../../../src/store/adapter.js';
import { CHECKPOINT_STREAM } from '../../../src/integrity/checkpoint-stream.js';

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed body, or the text when it is not JSON. */
  body: unknown;
  ms: number;
}

/** A request that got no HTTP answer (connection refused or reset, or the drill gave up waiting). */
export interface NoAnswer {
  status: 0;
  error: string;
  ms: number;
}

export interface PostOptions {
  key?: string;
  headers?: Record<string, string>;
  /** Give up after this long (default 60 s): the answer is then a NoAnswer. */
  timeoutMs?: number;
}

export interface Http {
  post(url: string, body: unknown, token: string, options?: PostOptions): Promise<Answer | NoAnswer>;
  get(url: string, token?: string, timeoutMs?: number): Promise<Answer | NoAnswer>;
}

export function httpTo(base: () => string): Http {
  async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Answer | NoAnswer> {
    const started = Date.now();
    try {
      const res = await fetch(`${base()}${url}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, headers: res.headers, body, ms: Date.now() - started };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return {
        status: 0,
        error: `${error instanceof Error ? error.message : String(error)}${cause}`,
        ms: Date.now() - started,
      };
    }
  }
  return {
    post: (url, body, token, options = {}) =>
      send(
        url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': options.key ?? randomUUID(),
            ...options.headers,
          },
          body: JSON.stringify(body),
        },
        options.timeoutMs ?? 60_000,
      ),
    get: (url, token, timeoutMs = 60_000) =>
      send(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }, timeoutMs),
  };
}

/** Tokens in DATA_DIR's token file (the running server re-reads it when it changes). */
export function tokensIn(dataDir: string) {
  const tokens = createTokenStore(path.join(dataDir, 'tokens.json'));
  return async (roles: Role | Role[], agency: Agency = 'MFA', clearance: Clearance = 'secret'): Promise<string> =>
    (
      await tokens.create({
        id: `drill-${randomUUID().slice(0, 8)}`,
        agency,
        roles: Array.isArray(roles) ? roles : [roles],
        clearance,
      })
    ).token;
}

export interface StoreReader {
  store: LedgerStore;
  /** Every ledger event in $all, in order. */
  ledgerEvents(): Promise<StoredEvent[]>;
  /** The ledger's own events: without the Merkle log's checkpoints, which are about the ledger (ADR 0034). */
  entries(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/**
 * The official client on `connectionString`, through the app's own adapter (which checks every chain link it reads).
 */
export function readerOf(connectionString: string): StoreReader {
  const client = EventStoreDBClient.connectionString(connectionString);
  const store = createLedgerStore(client);
  return {
    store,
    async ledgerEvents() {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) events.push(event);
      return events;
    },
    async entries() {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) if (event.streamName !== CHECKPOINT_STREAM) events.push(event);
      return events;
    },
    close: () => client.dispose(),
  };
}

/** The store a running `ledger serve` publishes in its DATA_DIR. */
export async function publishedStore(dataDir: string): Promise<string> {
  return (await readFile(path.join(dataDir, 'store-address'), 'utf8')).trim();
}

export function isAnswer(a: Answer | NoAnswer): a is Answer {
  return a.status !== 0;
}

/** The `code` of a problem+json answer, or undefined. */
export function problemCode(a: Answer | NoAnswer): string | undefined {
  if (!isAnswer(a) || typeof a.body !== 'object' || a.body === null) return undefined;
  const code: unknown = Reflect.get(a.body, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** A setup write that must succeed: its answer's body. */
export async function mustWrite(
  http: Http,
  url: string,
  body: unknown,
  token: string,
): Promise<{ eventIds: string[]; position: { commit: string } }> {
  const answer = await http.post(url, body, token);
  if (answer.status !== 201 || !isAnswer(answer))
    throw new Error(
      `setup ${url} answered ${answer.status}: ${JSON.stringify(isAnswer(answer) ? answer.body : answer.error)}`,
    );
  return answer.body as { eventIds: string[]; position: { commit: string } };
}

export interface LiveEvent {
  id: string;
  event: string;
  data: unknown;
}

/** Follows GET /v1/live and keeps every frame it receives until `close()`. */
export function followLive(base: string, token: string): { events: LiveEvent[]; close(): void } {
  const events: LiveEvent[] = [];
  const abort = new AbortController();
  void (async () => {
    const res = await fetch(`${base}/v1/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    if (res.body === null) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          frame
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const id = field('id');
        const event = field('event');
        const data = field('data');
        if (id !== undefined && event !== undefined)
          events.push({ id, event, data: data === undefined ? undefined : JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  return { events, close: () => abort.abort() };
}
