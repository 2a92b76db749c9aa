// Security headers (helmet) on every answer. The default Content-Security-Policy allows only same-origin
// scripts, which the API reference at /docs satisfies (its initializer is a static file).
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { global: true });
}

export default fp(securityPlugin, { name: 'ledger-security', fastify: '5.x' });
