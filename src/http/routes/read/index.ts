// The read API: positions, history, alignment, consultations, session briefs, and the auditors'
// raw events and replay, the live event stream (/v1/live), under /v1 behind bearer authentication,
// plus the projector's readiness (src/read/lag.ts).
// `registerReadApi(app, read)` is the one call the app makes (after its health plugin).
import type { FastifyInstance } from 'fastify';
import type { ReadSide } from '../../../read/read-side.js';
import type { LedgerApp } from '../../instance.js';
import { requireBearer } from '../../plugins/auth.js';
import { auditReads } from './audit.js';
import { consultationReads } from './consultations.js';
import { liveReads } from './live.js';
import { positionReads } from './positions.js';
import { readSchemaErrors } from './read-request.js';

export async function readRoutes(app: FastifyInstance, read: ReadSide): Promise<void> {
  app.setSchemaErrorFormatter(readSchemaErrors);
  await positionReads(app, read);
  await consultationReads(app, read);
  await auditReads(app, read);
  await liveReads(app, read);
}

export async function registerReadApi(app: LedgerApp, read: ReadSide): Promise<void> {
  app.addReadinessCheck('projector', async ({ storeHead }) => read.readiness(await storeHead()));
  await app.register(
    async (v1) => {
      requireBearer(v1);
      await v1.register(async (scope: FastifyInstance) => readRoutes(scope, read));
    },
    { prefix: '/v1' },
  );
}
