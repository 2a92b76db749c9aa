// Corrections: an entry is never rewritten or deleted; a retraction points at it, with a reason.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { commandBodies } from '../../../../contracts/index.js';
import { NoParams, writeRoute } from './write-route.js';

export async function retractionWrites(app: FastifyInstance): Promise<void> {
  const retract = writeRoute(app, 'RetractEntry', {
    summary: 'Retract an entry of a stream (or, with reinstate, a retraction)',
    tag: 'corrections',
    params: NoParams,
    body: commandBodies.RetractEntry,
    example: { stream: { kind: 'consultation', id: '57b7dd34-2966-5cbe-bc9a-16169ef44904' }, targetEventId: '1e81f460-e685-53e4-b803-43ada759e733', reason: { th: 'บันทึกผิดหน่วยงาน', en: 'Recorded for the wrong agency' } },
  });
  app
    .withTypeProvider<ZodTypeProvider>()
    .post('/retractions', retract.options, (request, reply) =>
      retract.execute(request, reply, () => ({ type: 'RetractEntry', ...request.body })),
    );
}
