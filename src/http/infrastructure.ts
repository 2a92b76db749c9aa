// Cross-cutting plugins every route runs under, in the order they must be registered: request ids,
// security headers, rate limit (before the 404 handler that uses it), the error handler, the JSON body
// parser, and the OpenAPI document (before any route, since it collects routes as they are added).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { HttpConfig } from './instance.js';
import type { ErrorTranslator } from './errors/to-problem.js';
import requestId from './plugins/request-id.js';
import security from './plugins/security.js';
import rateLimit from './plugins/rate-limit.js';
import errors from './plugins/errors.js';
import jsonBody from './plugins/json-body.js';
import openApi from './plugins/openapi.js';

export interface InfrastructureOptions {
  config: HttpConfig;
  translators: readonly ErrorTranslator[];
  version: string;
}

async function infrastructurePlugin(app: FastifyInstance, options: InfrastructureOptions): Promise<void> {
  await app.register(requestId);
  await app.register(security);
  await app.register(rateLimit, {
    max: options.config.rateLimitMax,
    timeWindowMs: options.config.rateLimitWindowMs,
    authFailureMax: options.config.authFailureLimitMax,
    authFailureWindowMs: options.config.authFailureWindowMs,
  });
  await app.register(errors, { translators: options.translators });
  await app.register(jsonBody);
  await app.register(openApi, { version: options.version });
}

export default fp(infrastructurePlugin, { name: 'ledger-infrastructure', fastify: '5.x' });
