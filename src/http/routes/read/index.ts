// The read API: positions, history, alignment, consultations, session briefs, and the auditors'
// raw events and replay, under /v1 behind bearer authentication, plus the projector's readiness.
// `registerReadApi(app, read)` is the one call the app makes (after its health plugin).
import type { FastifyInstance } from 'fastify';
import type { ReadSide } from '../../../read/read-side.js';
import type { LedgerApp } from '../../instance.js';
import { auditReads } from './audit.js';
import { consultationReads } from './consultations.js';
import { positionReads } from './positions.js';

export async function readRoutes(app: FastifyInstance, read: ReadSide): Promise<void> {
  await positionReads(app, read);
  await consultationReads(app, read);
  await auditReads(app, read);
}

export async function registerReadApi(app: LedgerApp, read: ReadSide): Promise<void> {
  app.addReadinessCheck('projector', async () => {
    const s = read.projector.status();
    const at = s.position?.commit ?? 'none';
    if (!s.caughtUp) return { ok: false, detail: `catching up (at ${at}, ${s.eventsIndexed} events)` };
    return { ok: s.connected, detail: `at ${at}; ${s.eventsIndexed} events; last event applied ${s.lastEventLagMs ?? 0} ms after it was recorded${s.connected ? '' : '; resubscribing'}` };
  });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', v1.authenticate);
      await v1.register(async (scope: FastifyInstance) => readRoutes(scope, read));
    },
    { prefix: '/v1' },
  );
}
