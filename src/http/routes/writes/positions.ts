// Thailand's position on an issue: drafted, endorsed, withdrawn, stated at a session, and how the final
// text reflected it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandBodies, Slug } from '../../../../contracts/index.js';
import { writeRoute } from './write-route.js';

const tag = 'positions';
const IssueParams = z.object({ issueId: Slug });
const positionUrl = (c: { issueId: string }): string => `/v1/issues/${c.issueId}/position`;

export async function positionWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const draft = writeRoute(app, 'DraftPosition', {
    summary: 'Draft a new version of the position on an issue',
    description:
      '`basis.consultationIds` names the consultations the draft rests on; `basis.eventIds` names agency views and consultation outcomes ' +
      'on this issue recorded in those consultations (the eventIds their writes answered with), or earlier drafts of this position. ' +
      'Each consultation must have this issue on its agenda. An unknown or unfit one is refused: 404 consultation_not_found / basis_event_not_found, 422 basis_consultation_off_issue / basis_event_off_issue, 409 basis_event_retracted. ' +
      '`substantive: false` marks a wording change of the version in force.',
    tag,
    params: IssueParams,
    body: commandBodies.DraftPosition.omit({ issueId: true }),
    example: { stance: 'support', summary: { th: 'ไทยสนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Thailand supports territorial jurisdiction' }, flexibility: 'medium', redLines: { level: 'secret', value: [{ th: 'ไม่รับเขตอำนาจสากล', en: 'No universal jurisdiction' }] }, allies: ['ASEAN'], basis: { consultationIds: ['57b7dd34-2966-5cbe-bc9a-16169ef44904'], eventIds: ['e9263927-86c0-5272-b843-8d4ea9bae8ef'] } },
  });
  typed.post('/issues/:issueId/position/drafts', draft.options, (request, reply) =>
    draft.execute(request, reply, () => ({ type: 'DraftPosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const endorse = writeRoute(app, 'EndorsePosition', {
    summary: 'Endorse a drafted version (interagency, MFA or Cabinet), with the decision reference',
    description: 'Needs the approver role. Once the Cabinet has endorsed a position, a substantive change needs authority cabinet (409 cabinet_authority_required).',
    tag,
    params: IssueParams,
    body: commandBodies.EndorsePosition.omit({ issueId: true }),
    example: { version: 1, authority: 'mfa', decisionRef: 'กต 0803/1234', decidedOn: '2026-11-27' },
  });
  typed.post('/issues/:issueId/position/endorsements', endorse.options, (request, reply) =>
    endorse.execute(request, reply, () => ({ type: 'EndorsePosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const withdraw = writeRoute(app, 'WithdrawPosition', {
    summary: 'Withdraw a version of the position',
    tag,
    params: IssueParams,
    body: commandBodies.WithdrawPosition.omit({ issueId: true }),
    example: { version: 1, reason: { th: 'ถูกแทนที่ด้วยกรอบท่าทีของคณะรัฐมนตรี', en: 'Superseded by the Cabinet framework' }, decisionRef: 'กต 0803/1300' },
  });
  typed.post('/issues/:issueId/position/withdrawals', withdraw.options, (request, reply) =>
    withdraw.execute(request, reply, () => ({ type: 'WithdrawPosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const statement = writeRoute(app, 'RecordStatement', {
    summary: 'Record a statement delivered at a session',
    tag,
    params: IssueParams,
    body: commandBodies.RecordStatement.omit({ issueId: true }),
    example: { sessionId: 'ahc-concluding', deliveredOn: '2024-02-01', version: 1, summary: { th: 'ไทยสนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Thailand supports territorial jurisdiction' }, deliveredBy: 'Thai delegation' },
  });
  typed.post('/issues/:issueId/position/statements', statement.options, (request, reply) =>
    statement.execute(request, reply, () => ({ type: 'RecordStatement', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const outcome = writeRoute(app, 'RecordPositionOutcome', {
    summary: 'Record whether the final text reflects the position',
    tag,
    params: IssueParams,
    body: commandBodies.RecordPositionOutcome.omit({ issueId: true }),
    example: { result: 'reflected', article: 'Article 22', textRef: 'A/AC.291/L.15' },
  });
  typed.post('/issues/:issueId/position/outcomes', outcome.options, (request, reply) =>
    outcome.execute(
      request,
      reply,
      () => ({ type: 'RecordPositionOutcome', issueId: request.params.issueId, ...request.body }),
      positionUrl,
    ),
  );
}
