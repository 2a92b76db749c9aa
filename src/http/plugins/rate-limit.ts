// Rate limiting per client address, as the first onRequest hook of the root: it runs before
// authentication (so guessing tokens is limited too) and for unknown paths (so is probing for routes).
// The 429 answer is a problem like every other error (Retry-After and the x-ratelimit-* headers are set
// by @fastify/rate-limit before the error reaches the handler).
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem.js';

export interface RateLimitPluginOptions {
  max: number;
  timeWindowMs: number;
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    max: options.max,
    timeWindow: options.timeWindowMs,
    errorResponseBuilder: (_request, context) =>
      HttpProblem.of('rate_limited', {
        detail: `At most ${context.max} requests per ${options.timeWindowMs / 1000} s; retry in ${context.after}`,
      }),
  });
  app.addHook('onRequest', app.rateLimit());
}

export default fp(rateLimitPlugin, { name: 'ledger-rate-limit', fastify: '5.x' });
