// Echoes the request id (see ../request-id.ts for how it is chosen) on every answer, errors included.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '../request-id.js';

async function requestIdPlugin(app: FastifyInstance): Promise<void> {
  // A callback hook: an async one costs a promise and a turn of the microtask queue on every request (ADR 0048).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}

export default fp(requestIdPlugin, { name: 'ledger-request-id', fastify: '5.x' });
