// Sessions of a negotiation process: scheduled, rescheduled, concluded.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandBodies, Slug } from '../../../../contracts/index.js';
import { NoParams, writeRoute } from './write-route.js';

const tag = 'sessions';
const SessionParams = z.object({ sessionId: Slug });
// A session is read through its brief (GET /v1/sessions/{sessionId}/brief).
const sessionUrl = (c: { sessionId: string }): string => `/v1/sessions/${c.sessionId}/brief`;

export async function sessionWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const schedule = writeRoute(app, 'ScheduleSession', {
    summary: 'Schedule a session of a process',
    tag,
    params: NoParams,
    body: commandBodies.ScheduleSession,
  });
  typed.post('/sessions', schedule.options, (request, reply) =>
    schedule.execute(request, reply, () => ({ type: 'ScheduleSession', ...request.body }), sessionUrl),
  );

  const reschedule = writeRoute(app, 'RescheduleSession', {
    summary: 'Move a session to other dates or another venue',
    tag,
    params: SessionParams,
    body: commandBodies.RescheduleSession.omit({ sessionId: true }),
  });
  typed.post('/sessions/:sessionId/reschedule', reschedule.options, (request, reply) =>
    reschedule.execute(
      request,
      reply,
      () => ({ type: 'RescheduleSession', sessionId: request.params.sessionId, ...request.body }),
      sessionUrl,
    ),
  );

  const conclude = writeRoute(app, 'ConcludeSession', {
    summary: 'Record how a session ended',
    tag,
    params: SessionParams,
    body: commandBodies.ConcludeSession.omit({ sessionId: true }),
  });
  typed.post('/sessions/:sessionId/conclude', conclude.options, (request, reply) =>
    conclude.execute(
      request,
      reply,
      () => ({ type: 'ConcludeSession', sessionId: request.params.sessionId, ...request.body }),
      sessionUrl,
    ),
  );
}
