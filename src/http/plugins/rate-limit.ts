// Rate limiting per client address; the 429 answer is a problem like every other error (Retry-After and
// the x-ratelimit-* headers are set by @fastify/rate-limit before the error reaches the handler).
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
    global: true,
    max: options.max,
    timeWindow: options.timeWindowMs,
    errorResponseBuilder: (_request, context) =>
      HttpProblem.of('rate_limited', {
        detail: `At most ${context.max} requests per ${options.timeWindowMs / 1000} s; retry in ${context.after}`,
      }),
  });
}

export default fp(rateLimitPlugin, { name: 'ledger-rate-limit', fastify: '5.x' });
