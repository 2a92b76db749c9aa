// Security headers (helmet) on every answer. The default Content-Security-Policy allows only same-origin
// scripts, which the API reference at /docs satisfies (its initializer is a static file). Without
// upgrade-insecure-requests: the API is also served over plain HTTP (localhost, behind a TLS proxy),
// where that directive would make browsers fetch /docs assets over https and fail.
//
// @fastify/helmet (13.2) builds helmet's middleware, parsing the CSP directives, on every request: 9 % of
// the API thread under a hot read (ADR 0045). The middleware of the API's own options is built once here;
// @fastify/helmet still serves the routes that give their own options (the workspace's pages, src/web/csp.ts),
// which is what it does with `global: false`. The API's headers are all constant (no nonce, no directive worked out
// per request), so helmet runs once, at start, on a stand-in response, and each answer is given the headers it set
// (running helmet's thirteen middlewares per request was still 6 % of the API thread under a hot read: ADR 0048).
import fp from 'fastify-plugin';
import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The API's own policy: helmet's defaults, without upgrade-insecure-requests. */
const apiHelmet = () => ({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });

/** The headers helmet sets for the API's options, by name as helmet writes it. */
function apiHeaders(): Array<[string, string]> {
  const set = new Map<string, string>();
  const response = {
    setHeader(name: string, value: unknown) {
      set.set(name, String(value));
    },
    removeHeader(name: string) {
      set.delete(name);
    },
  };
  let failed: unknown;
  helmet(apiHelmet())({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  return [...set];
}

async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, { ...apiHelmet(), global: false });
  const headers = apiHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    // A route's own options: @fastify/helmet puts them in its config (its onRoute hook) and applies them.
    // On the reply, not the raw response: a header set on the raw response sends every header of the answer through
    // Node's setHeader (its slow case of writeHead), where the reply's own are written in one go.
    if (Reflect.get(request.routeOptions.config, 'helmet') === undefined)
      for (const [name, value] of headers) reply.header(name, value);
    done();
  });
}

export default fp(securityPlugin, { name: 'ledger-security', fastify: '5.x' });
