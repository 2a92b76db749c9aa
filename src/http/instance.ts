// The Fastify instance with what only the root can be given: the logger (with redaction), request ids,
// body limit, timeouts, proxy trust and the zod validator and serializer (both on zod's compiled schemas).
import Fastify, { type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { AccessLog } from './access-log.js';
import { httpLogger } from './logger.js';
import { lazyChild } from './lazy-logger.js';
import { genReqId } from './request-id.js';
import { toProblem } from './errors/to-problem.js';
import { sendProblem } from './plugins/errors.js';
import { replySerializerCompiler } from './serializer.js';
import { compiledValidatorCompiler } from './validator.js';

export type HttpConfig = Pick<
  Config,
  | 'bodyLimitBytes'
  | 'rateLimitMax'
  | 'rateLimitWindowMs'
  | 'authFailureLimitMax'
  | 'authFailureWindowMs'
  | 'trustProxy'
  | 'requestTimeoutMs'
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
    // request.log is made when first used: at LOG_LEVEL=warn a request that goes well logs nothing (ADR 0048).
    childLoggerFactory: (logger, bindings, options) => lazyChild(logger as Logger, bindings, options),
    requestIdHeader: false,
    logController: new AccessLog({ requestIdLogLabel: 'requestId', disableRequestLogging: isProbe }),
    bodyLimit: config.bodyLimitBytes,
    // REQUEST_TIMEOUT_MS bounds receiving the whole request, headers and body: a client that stalls or
    // trickles is answered 408 and disconnected. Node checks only every connectionsCheckingInterval
    // (30 s by default) and its headers timeout (60 s) comes first, so a stalled body used to be cut
    // after 60-90 s; both are brought within the configured timeout.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.requestTimeoutMs / 4))),
    },
    // X-Forwarded-For from these peers names the client (request.ip, and so its rate-limit budgets).
    trustProxy: config.trustProxy,
    // No deadline on a plugin's start: the composition root's pieces (src/boot) open the store, load
    // the demo data and start the read side, which take as long as the data needs (seconds for the demo,
    // more on a large store), as they did before they were plugins.
    pluginTimeout: 0,
    // What Fastify refuses while routing, before any hook (a malformed percent-encoding, a path segment
    // longer than maxParamLength) answers as problem+json too, not Fastify's own JSON.
    frameworkErrors: (error, request, reply) => void sendProblem(request, reply, toProblem(error)),
  }).withTypeProvider<ZodTypeProvider>();
  // Only JSON bodies: Fastify's built-in text/plain parser would hand a string to the schema and the
  // client would get a confusing 400 instead of 415 unsupported_media_type.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(compiledValidatorCompiler);
  app.setSerializerCompiler(replySerializerCompiler);
  return app;
}
