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
    example: { sessionId: 'ahc-7', processId: 'ahc', number: 7, title: { th: 'สมัยประชุมที่ ๗', en: 'Seventh session' }, venue: { city: 'New York', country: 'US', timeZone: 'America/New_York' }, from: '2024-01-29', to: '2024-02-09' },
  });
  typed.post('/sessions', schedule.options, (request, reply) =>
    schedule.execute(request, reply, () => ({ type: 'ScheduleSession', ...request.body }), sessionUrl),
  );

  const reschedule = writeRoute(app, 'RescheduleSession', {
    summary: 'Move a session to other dates or another venue',
    tag,
    params: SessionParams,
    body: commandBodies.RescheduleSession.omit({ sessionId: true }),
    example: { from: '2024-02-05', to: '2024-02-16', reason: { th: 'เลื่อนตามมติที่ประชุม', en: 'Moved by decision of the committee' } },
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
    example: { on: '2024-02-09', result: 'suspended', summary: { th: 'พักการประชุมโดยยังไม่ได้ข้อยุติ', en: 'Suspended without agreement' } },
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
