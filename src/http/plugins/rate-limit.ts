// Who pays for a request (docs/adr/0016-rate-limits.md), on @fastify/rate-limit's counters:
// - health probes (`config: { rateLimitedBy: 'nothing' }`): nobody, ever;
// - a route behind bearer authentication (`rateLimitedBy: 'principal'`, set by `requireBearer`): its
//   principal, once the token is checked (`app.rateLimits.principal`); a failed authentication is
//   counted against the client's address on a budget of its own (`app.rateLimits.failedAuthentication`),
//   so a client guessing tokens, or with a revoked one, is stopped without locking out anyone else;
// - anything else (the API reference, unknown paths): the client's address, in the root's first
//   onRequest hook.
// The client's address is request.ip: the peer, or X-Forwarded-For from a proxy named in TRUST_PROXY.
// Every 429 is a problem like every other error, with Retry-After and the budget it ran out of.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';

export interface RateLimitPluginOptions {
  /** Requests per principal, or per address without a token, per window. */
  max: number;
  timeWindowMs: number;
  /** Failed authentications per address per window. */
  authFailureMax: number;
  authFailureWindowMs: number;
}

export type Budget = 'address' | 'principal' | 'failed_authentications';

export interface RateLimits {
  /** Counts an authenticated request (request.principal set) against its principal's budget; 429 when spent. */
  principal(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a failed authentication against the client's address; throws 429 when that budget is spent. */
  failedAuthentication(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whose budget the route's requests count against; unset: the client's address. */
    rateLimitedBy?: 'nothing' | 'principal';
  }
  interface FastifyInstance {
    rateLimits: RateLimits;
  }
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const what: Record<Budget, string> = {
  address: 'requests without a token from this address',
  principal: 'requests of this principal',
  failed_authentications: 'failed authentications from this address',
};

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  await app.register(rateLimit, { global: false, max: options.max, timeWindow: options.timeWindowMs });

  // Separate counters (each createRateLimit has its own store); the keys are prefixed all the same.
  const byAddress = app.createRateLimit({ keyGenerator: (request) => `address:${request.ip}` });
  const byPrincipal = app.createRateLimit({ keyGenerator: (request) => `principal:${request.principal?.id ?? ''}` });
  const authFailures = app.createRateLimit({
    max: options.authFailureMax,
    timeWindow: options.authFailureWindowMs,
    keyGenerator: (request) => `auth-failure:${request.ip}`,
  });

  async function spend(
    limiter: Limiter,
    budget: Budget,
    request: FastifyRequest,
    reply: FastifyReply,
    windowMs: number,
  ): Promise<void> {
    const result = await limiter(request);
    if (result.isAllowed) return;
    // The budget the caller spends from is shown on every answer, except for failed authentications,
    // whose budget is shown only on the 429 that ends it.
    if (budget !== 'failed_authentications') {
      reply.header('x-ratelimit-limit', result.max);
      reply.header('x-ratelimit-remaining', result.remaining);
      reply.header('x-ratelimit-reset', result.ttlInSeconds);
    }
    if (!result.isExceeded) return;
    const retryAfter = String(Math.max(1, result.ttlInSeconds));
    throw HttpProblem.of('rate_limited', {
      detail: `At most ${result.max} ${what[budget]} per ${windowMs / 1000} s; retry in ${retryAfter} s`,
      details: { budget, max: result.max, windowMs },
      headers: { 'retry-after': retryAfter, 'x-ratelimit-limit': String(result.max), 'x-ratelimit-remaining': '0' },
    });
  }

  app.decorate('rateLimits', {
    principal: async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.principal === null) throw new Error('rateLimits.principal needs an authenticated request');
      await spend(byPrincipal, 'principal', request, reply, options.timeWindowMs);
    },
    failedAuthentication: (request: FastifyRequest, reply: FastifyReply) =>
      spend(authFailures, 'failed_authentications', request, reply, options.authFailureWindowMs),
  } satisfies RateLimits);

  // First onRequest hook of the root: before anything else runs, including for unknown paths (the
  // not-found route has no rateLimitedBy, so probing for routes is limited per address).
  // A callback hook, so the routes paid for otherwise (every /v1 route) pass it without a promise (ADR 0048).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.rateLimitedBy !== undefined) return done();
    spend(byAddress, 'address', request, reply, options.timeWindowMs).then(() => done(), done);
  });
}

export default fp(rateLimitPlugin, { name: 'ledger-rate-limit', fastify: '5.x' });
