// Negotiation processes (the AHC convention, the OEWG, ...) and their milestones. No read route serves a
// process on its own, so these writes answer without a Location (rather than one that 404s).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandBodies, Slug } from '../../../../contracts/index.js';
import { NoParams, writeRoute } from './write-route.js';

const tag = 'processes';
const ProcessParams = z.object({ processId: Slug });

export async function processWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const register = writeRoute(app, 'RegisterProcess', {
    summary: 'Register a negotiation process',
    tag,
    params: NoParams,
    body: commandBodies.RegisterProcess,
    example: { processId: 'ahc', kind: 'treaty-negotiation', title: { th: 'คณะกรรมการเฉพาะกิจว่าด้วยอนุสัญญาต่อต้านอาชญากรรมไซเบอร์', en: 'Ad Hoc Committee on a convention against cybercrime' }, forum: 'UN General Assembly', mandate: ['A/RES/74/247'], startedOn: '2019-12-27' },
  });
  typed.post('/processes', register.options, (request, reply) =>
    register.execute(request, reply, () => ({ type: 'RegisterProcess', ...request.body })),
  );

  const milestone = writeRoute(app, 'RecordMilestone', {
    summary: 'Record a milestone of a process (adopted, signed, ratified, ...)',
    tag,
    params: ProcessParams,
    body: commandBodies.RecordMilestone.omit({ processId: true }),
    example: { milestone: 'signed', on: '2025-10-25', place: 'Hanoi', reference: 'UN Treaty Collection' },
  });
  typed.post('/processes/:processId/milestones', milestone.options, (request, reply) =>
    milestone.execute(
      request,
      reply,
      () => ({ type: 'RecordMilestone', processId: request.params.processId, ...request.body }),
    ),
  );
}
