// Follow-ups on an issue: recorded (open), then moved on (in progress, done, dropped, open again).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandBodies, Slug } from '../../../../contracts/index.js';
import { writeRoute } from './write-route.js';

const tag = 'follow-ups';
const followUpsUrl = (c: { issueId: string }): string => `/v1/follow-ups?issueId=${c.issueId}`;

export async function followUpWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const record = writeRoute(app, 'RecordFollowUp', {
    summary: 'Record a follow-up on an issue (open until moved on)',
    description: 'A follow-up id is unique on its issue (409 follow_up_already_recorded); the issue must be registered and not closed.',
    tag,
    params: z.object({ issueId: Slug }),
    body: commandBodies.RecordFollowUp.omit({ issueId: true }),
    example: {
      followUpId: 'commitment-4',
      area: { id: 'law-enforcement', title: { th: 'การบังคับใช้กฎหมาย การสืบสวนสอบสวน และการดำเนินคดี', en: 'Law enforcement, investigation and prosecution' } },
      action: { th: 'เสริมสร้างความร่วมมือระหว่างประเทศในการสืบสวนสอบสวนและดำเนินคดีกับเครือข่ายการหลอกลวงทางอินเทอร์เน็ต', en: 'Strengthen international cooperation in investigating and prosecuting online scam networks' },
      owner: 'RTP',
      reference: '2025 Bangkok Joint Statement, commitment 4',
    },
  });
  typed.post('/issues/:issueId/follow-ups', record.options, (request, reply) =>
    record.execute(request, reply, () => ({ type: 'RecordFollowUp', issueId: request.params.issueId, ...request.body }), followUpsUrl),
  );

  const status = writeRoute(app, 'ChangeFollowUpStatus', {
    summary: 'Move a follow-up on: in progress, done, dropped, or open again',
    description: 'Unknown follow-up: 404 follow_up_not_found; the status it already has: 409 follow_up_status_unchanged.',
    tag,
    params: z.object({ issueId: Slug, followUpId: Slug }),
    body: commandBodies.ChangeFollowUpStatus.omit({ issueId: true, followUpId: true }),
    example: { status: 'in-progress', on: '2026-01-15', note: { th: 'ตร. ตั้งคณะทำงาน', en: 'RTP set up a working group' } },
  });
  typed.post('/issues/:issueId/follow-ups/:followUpId/status', status.options, (request, reply) =>
    status.execute(
      request,
      reply,
      () => ({ type: 'ChangeFollowUpStatus', issueId: request.params.issueId, followUpId: request.params.followUpId, ...request.body }),
      followUpsUrl,
    ),
  );
}
