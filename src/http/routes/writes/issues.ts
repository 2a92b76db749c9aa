// Issues under negotiation (an article, a chapter, a question that divided delegations).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandBodies, Slug } from '../../../../contracts/index.js';
import { NoParams, writeRoute } from './write-route.js';

const tag = 'issues';
const IssueParams = z.object({ issueId: Slug });
// The issue is read as part of its position (GET /v1/issues/{issueId}/position answers the issue too).
const issueUrl = (c: { issueId: string }): string => `/v1/issues/${c.issueId}/position`;

export async function issueWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const register = writeRoute(app, 'RegisterIssue', {
    summary: 'Register an issue under negotiation',
    tag,
    params: NoParams,
    body: commandBodies.RegisterIssue,
    example: { issueId: 'ahc-jurisdiction', processId: 'ahc', code: 'ART-22', title: { th: 'เขตอำนาจ', en: 'Jurisdiction' }, refs: { chapter: 'II', articles: ['22'] } },
  });
  typed.post('/issues', register.options, (request, reply) =>
    register.execute(request, reply, () => ({ type: 'RegisterIssue', ...request.body }), issueUrl),
  );

  const retitle = writeRoute(app, 'RetitleIssue', {
    summary: 'Change the title of an issue',
    tag,
    params: IssueParams,
    body: commandBodies.RetitleIssue.omit({ issueId: true }),
    example: { title: { th: 'เขตอำนาจและการประสานงาน', en: 'Jurisdiction and coordination' }, reason: { th: 'ตามร่างฉบับปรับปรุง', en: 'Follows the revised draft' } },
  });
  typed.post('/issues/:issueId/retitle', retitle.options, (request, reply) =>
    retitle.execute(request, reply, () => ({ type: 'RetitleIssue', issueId: request.params.issueId, ...request.body }), issueUrl),
  );

  const textStatus = writeRoute(app, 'ChangeDraftTextStatus', {
    summary: 'Record the status of the draft text (bracketed, informally agreed, agreed ad referendum, adopted)',
    tag,
    params: IssueParams,
    body: commandBodies.ChangeDraftTextStatus.omit({ issueId: true }),
    example: { status: 'informally-agreed', on: '2024-02-08', sessionId: 'ahc-concluding' },
  });
  typed.post('/issues/:issueId/draft-text-status', textStatus.options, (request, reply) =>
    textStatus.execute(
      request,
      reply,
      () => ({ type: 'ChangeDraftTextStatus', issueId: request.params.issueId, ...request.body }),
      issueUrl,
    ),
  );

  const close = writeRoute(app, 'CloseIssue', {
    summary: 'Close an issue',
    tag,
    params: IssueParams,
    body: commandBodies.CloseIssue.omit({ issueId: true }),
    example: { on: '2024-08-08', reason: { th: 'ร่างอนุสัญญาได้รับการรับรอง', en: 'The draft convention was approved' } },
  });
  typed.post('/issues/:issueId/close', close.options, (request, reply) =>
    close.execute(request, reply, () => ({ type: 'CloseIssue', issueId: request.params.issueId, ...request.body }), issueUrl),
  );
}
