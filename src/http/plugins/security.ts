// Security headers (helmet) on every answer. The default Content-Security-Policy allows only same-origin
// scripts, which the API reference at /docs satisfies (its initializer is a static file). Without
// upgrade-insecure-requests: the API is also served over plain HTTP (localhost, behind a TLS proxy),
// where that directive would make browsers fetch /docs assets over https and fail.
//
// @fastify/helmet (13.2) builds helmet's middleware, parsing the CSP directives, on every request: 9 % of
// the API thread under a hot read (ADR 0045). The middleware of the API's own options is built once here;
// @fastify/helmet still serves the routes that give their own options (the workspace's pages, src/web/csp.ts),
// which is what it does with `global: false`.
import fp from 'fastify-plugin';
import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/** The API's own policy: helmet's defaults, without upgrade-insecure-requests. */
const apiHelmet = () => ({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });

async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, { ...apiHelmet(), global: false });
  const headers = helmet(apiHelmet());
  app.addHook('onRequest', (request, reply, done) => {
    // A route's own options: @fastify/helmet puts them in its config (its onRoute hook) and applies them.
    if (Reflect.get(request.routeOptions.config, 'helmet') !== undefined) return done();
    headers(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}

export default fp(securityPlugin, { name: 'ledger-security', fastify: '5.x' });
