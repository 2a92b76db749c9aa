// Every write route of the API: one per command type (see ./write-route.ts for what each one does).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { processWrites } from './processes.js';
import { sessionWrites } from './sessions.js';
import { issueWrites } from './issues.js';
import { followUpWrites } from './follow-ups.js';
import { consultationWrites } from './consultations.js';
import { positionWrites } from './positions.js';
import { retractionWrites } from './retractions.js';

async function writeRoutes(app: FastifyInstance): Promise<void> {
  await processWrites(app);
  await sessionWrites(app);
  await issueWrites(app);
  await followUpWrites(app);
  await consultationWrites(app);
  await positionWrites(app);
  await retractionWrites(app);
}

/** Encapsulated (its routes and hooks stay in the /v1 scope), but named with what it needs. */
export default fp(writeRoutes, {
  name: 'ledger-write-routes',
  fastify: '5.x',
  dependencies: ['ledger-auth', 'ledger-ledger'],
  encapsulate: true,
});
