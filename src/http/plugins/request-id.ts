// Echoes the request id (see ../request-id.ts for how it is chosen) on every answer, errors included.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '../request-id.js';

async function requestIdPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}

export default fp(requestIdPlugin, { name: 'ledger-request-id', fastify: '5.x' });
