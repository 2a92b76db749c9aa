// Security headers (helmet) on every answer. The default Content-Security-Policy allows only same-origin
// scripts, which the API reference at /docs satisfies (its initializer is a static file). Without
// upgrade-insecure-requests: the API is also served over plain HTTP (localhost, behind a TLS proxy),
// where that directive would make browsers fetch /docs assets over https and fail.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
}

export default fp(securityPlugin, { name: 'ledger-security', fastify: '5.x' });
