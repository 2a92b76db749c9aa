// The access log: Fastify's per-request completion line ("request completed" / "request errored"), with
// who asked: the principal's id, agency and roles once a token or session was checked, and the route
// pattern. Never the token: it is not on the principal, and the logger redacts the Authorization and
// Cookie headers wherever they would appear (./logger.ts).
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

/** Whether `log` writes lines of `level` (a logger that cannot say is taken to). */
function enabled(log: FastifyBaseLogger, level: Level): boolean {
  const isLevelEnabled: unknown = Reflect.get(log, 'isLevelEnabled');
  return typeof isLevelEnabled === 'function' ? (log as unknown as Logger).isLevelEnabled(level) : true;
}

/** What the completion line says of the caller; nothing for a request without an authenticated principal. */
export function callerFields(request: FastifyRequest): Record<string, unknown> {
  // Undefined on an instance without the auth plugin (its decorator gives null otherwise).
  const principal: FastifyRequest['principal'] | undefined = request.principal;
  const route = request.routeOptions.url;
  return {
    ...(route === undefined ? {} : { route }),
    ...(principal === null || principal === undefined
      ? {}
      : { principalId: principal.id, agency: principal.agency, roles: principal.roles }),
  };
}

export class AccessLog extends LogController {
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // The line is not put together for a level that is off (LOG_LEVEL=warn: no line for a request that went well).
    if (this.isLogDisabled(request) || !enabled(reply.log, error ? 'error' : 'info')) return;
    const line = { res: reply, responseTime: reply.elapsedTime, ...callerFields(request) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
