// The one error handler of the API (and its 404): every failure answers as RFC 9457 problem+json with a
// stable code and the request id; 5xx answers never carry internals, which go to the log instead.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toProblem, type ErrorTranslator } from '../errors/to-problem.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemType, type Problem } from '../problem.js';

export interface ErrorsPluginOptions {
  /** Translators for errors of the domain and the store, tried before the generic rules. */
  translators?: readonly ErrorTranslator[];
}

function instanceOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? request.url;
  return path;
}

export function problemBody(request: FastifyRequest, problem: HttpProblem): Problem {
  const body: Problem = {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    instance: instanceOf(request),
    code: problem.code,
    requestId: request.id,
  };
  // 5xx details are written for operators, not callers: they stay in the log (unless the problem is public).
  const forCallers = problem.status < 500 || problem.public;
  if (problem.detail !== undefined && forCallers) body.detail = problem.detail;
  if (problem.errors !== undefined) body.errors = problem.errors;
  if (problem.details !== undefined && forCallers) body.details = { ...problem.details };
  return body;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem): FastifyReply {
  reply.code(problem.status);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '5');
  reply.type(PROBLEM_CONTENT_TYPE);
  return reply.send(problemBody(request, problem));
}

async function errorsPlugin(app: FastifyInstance, options: ErrorsPluginOptions): Promise<void> {
  const translators = options.translators ?? [];

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, translators);
    if (problem.status >= 500) {
      request.log.error({ err: error, code: problem.code }, 'request failed');
    } else {
      request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
    }
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const detail = `${request.method} ${instanceOf(request)} does not exist`;
    return sendProblem(request, reply, HttpProblem.of('route_not_found', { detail }));
  });
}

export default fp(errorsPlugin, { name: 'ledger-errors', fastify: '5.x' });
