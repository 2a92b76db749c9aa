// Every write route of the API: one per row of the write table (./table.ts), each made by
// ./write-route.ts.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { writeTable } from './table.js';

async function writeRoutes(app: FastifyInstance): Promise<void> {
  // Parsed once per write, by its preValidation (write-route.ts).
  app.decorateRequest('writeHeaders', null);
  for (const row of writeTable) row.register(app);
}

/** Encapsulated (its routes and hooks stay in the /v1 scope), but named with what it needs. */
export default fp(writeRoutes, {
  name: 'ledger-write-routes',
  fastify: '5.x',
  dependencies: ['ledger-auth', 'ledger-ledger'],
  encapsulate: true,
});
