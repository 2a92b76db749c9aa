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
    tag,
    params: IssueParams,
    body: commandBodies.DraftPosition.omit({ issueId: true }),
  });
  typed.post('/issues/:issueId/position/drafts', draft.options, (request, reply) =>
    draft.execute(request, reply, () => ({ type: 'DraftPosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const endorse = writeRoute(app, 'EndorsePosition', {
    summary: 'Endorse a drafted version (interagency, MFA or Cabinet), with the decision reference',
    tag,
    params: IssueParams,
    body: commandBodies.EndorsePosition.omit({ issueId: true }),
  });
  typed.post('/issues/:issueId/position/endorsements', endorse.options, (request, reply) =>
    endorse.execute(request, reply, () => ({ type: 'EndorsePosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const withdraw = writeRoute(app, 'WithdrawPosition', {
    summary: 'Withdraw a version of the position',
    tag,
    params: IssueParams,
    body: commandBodies.WithdrawPosition.omit({ issueId: true }),
  });
  typed.post('/issues/:issueId/position/withdrawals', withdraw.options, (request, reply) =>
    withdraw.execute(request, reply, () => ({ type: 'WithdrawPosition', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const statement = writeRoute(app, 'RecordStatement', {
    summary: 'Record a statement delivered at a session',
    tag,
    params: IssueParams,
    body: commandBodies.RecordStatement.omit({ issueId: true }),
  });
  typed.post('/issues/:issueId/position/statements', statement.options, (request, reply) =>
    statement.execute(request, reply, () => ({ type: 'RecordStatement', issueId: request.params.issueId, ...request.body }), positionUrl),
  );

  const outcome = writeRoute(app, 'RecordPositionOutcome', {
    summary: 'Record whether the final text reflects the position',
    tag,
    params: IssueParams,
    body: commandBodies.RecordPositionOutcome.omit({ issueId: true }),
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
