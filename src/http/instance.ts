// The Fastify instance with what only the root can be given: the logger (with redaction), request ids,
// body limit, timeouts, proxy trust and the zod validator and serializer.
import Fastify, { LogController, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { httpLogger } from './logger.js';
import { genReqId } from './request-id.js';

export type HttpConfig = Pick<
  Config,
  'bodyLimitBytes' | 'rateLimitMax' | 'rateLimitWindowMs' | 'authFailureLimitMax' | 'authFailureWindowMs' | 'trustProxy' | 'requestTimeoutMs'
>;

export type LedgerApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

/** Liveness and readiness probes arrive every few seconds: their request lines would drown the log. */
function isProbe(request: { url?: string | undefined }): boolean {
  return request.url === '/healthz' || request.url === '/readyz';
}

export function createInstance(logger: Logger, config: HttpConfig): LedgerApp {
  const app = Fastify({
    loggerInstance: httpLogger(logger),
    genReqId,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: isProbe }),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    // X-Forwarded-For from these peers names the client (request.ip, and so its rate-limit budgets).
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  // Only JSON bodies: Fastify's built-in text/plain parser would hand a string to the schema and the
  // client would get a confusing 400 instead of 415 unsupported_media_type.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}
