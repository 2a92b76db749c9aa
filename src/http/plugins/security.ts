// Security headers (helmet) on every answer. The default Content-Security-Policy allows only same-origin
// scripts, which the API reference at /docs satisfies (its initializer is a static file). Without
// upgrade-insecure-requests: the API is also served over plain HTTP (localhost, behind a TLS proxy),
// where that directive would make browsers fetch /docs assets over https and fail. A route may give its own
// options (`helmet: {...}`, merged over the API's as @fastify/helmet merges them: the workspace's pages,
// src/web/csp.ts), or `helmet: false` for none.
//
// @fastify/helmet (13.2) builds helmet's middleware, parsing the CSP directives, on every request (9 % of the API
// thread under a hot read, ADR 0045), and adds two hooks to every route. Every policy here is constant (no nonce, no
// directive worked out per request), so helmet runs once per policy, at start, on a stand-in response; each answer
// is given the headers it set, on the reply (ADR 0048). A route asking for CSP nonces is refused at start.
import fp from 'fastify-plugin';
// The `helmet` route option's type (this plugin replaces @fastify/helmet's hooks, not its option).
import type {} from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The API's own policy: helmet's defaults, without upgrade-insecure-requests. */
const apiHelmet = (): HelmetOptions => ({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });

type Headers = ReadonlyArray<readonly [string, string]>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's security headers, worked out when it was added (its own helmet options). */
    securityHeaders?: Headers;
  }
}

/**
 * The headers helmet sets for `options`, by name in lower case as Fastify's `reply.header` keeps them (and Node sends
 * them): a name given in helmet's capitals would be lower-cased into a new string on every answer, and each such
 * string looked up in V8's string table when stored (~5 µs an answer for the dozen of them, ADR 0066).
 */
export function helmetHeaders(options: HelmetOptions): Headers {
  const set = new Map<string, string>();
  const response = {
    setHeader(name: string, value: unknown) {
      set.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  return [...set];
}

async function securityPlugin(app: FastifyInstance): Promise<void> {
  const api = helmetHeaders(apiHelmet());
  app.addHook('onRoute', (route) => {
    // Typed by @fastify/helmet (the `helmet` route option), whose copy of helmet's types is not this helmet's.
    const own = route.helmet as (HelmetOptions & { enableCSPNonces?: boolean; global?: boolean }) | false | undefined;
    if (own === undefined) return;
    let headers: Headers = [];
    if (own !== false) {
      const { enableCSPNonces, global: _global, ...options } = own;
      if (enableCSPNonces === true)
        throw new Error(`${route.url}: CSP nonces are not supported (headers are built once)`);
      headers = helmetHeaders({ ...apiHelmet(), ...options } as HelmetOptions);
    }
    route.config = { ...route.config, securityHeaders: headers };
  });
  app.addHook('onRequest', (request, reply, done) => {
    // On the reply, not the raw response: a header set on the raw response sends every header of the answer through
    // Node's setHeader (its slow case of writeHead), where the reply's own are written in one go.
    for (const [name, value] of request.routeOptions.config.securityHeaders ?? api) reply.header(name, value);
    done();
  });
}

export default fp(securityPlugin, { name: 'ledger-security', fastify: '5.x' });
