// The read API: positions, history, alignment, consultations, session briefs, processes, sessions,
// issues, follow-ups, changes, compare, search, the auditors' raw events and replay, the live event
// stream (/v1/live): one of the route plugins of /v1 (../index.ts), over the read side the app
// decorates as `app.readSide` (plugins/read-side.ts, which also reports the projector's lag on
// /readyz). Each route asks the read side one question (src/read/questions.ts, ADR 0032).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { auditReads } from './audit.js';
import { catalogReads } from './catalog.js';
import { changesReads } from './changes.js';
import { compareReads } from './compare.js';
import { searchReads } from './search.js';
import { consultationReads } from './consultations.js';
import { followUpReads } from './follow-ups.js';
import { liveReads } from './live.js';
import { positionReads } from './positions.js';
import { readSchemaErrors } from './read-request.js';

async function readRoutes(app: FastifyInstance): Promise<void> {
  const read = app.readSide;
  app.setSchemaErrorFormatter(readSchemaErrors);
  await positionReads(app, read);
  await consultationReads(app, read);
  await followUpReads(app, read);
  await auditReads(app, read);
  await catalogReads(app, read);
  await changesReads(app, read);
  await compareReads(app, read);
  await searchReads(app, read);
  await liveReads(app, read);
}

/** Encapsulated (its schema error formatter and routes stay in the /v1 scope), named with what it needs. */
export default fp(readRoutes, {
  name: 'ledger-read-routes',
  fastify: '5.x',
  dependencies: ['ledger-auth', 'ledger-read-side'],
  encapsulate: true,
});
