// Who pays for a request (docs/adr/0016-rate-limits.md), on @fastify/rate-limit's counters:
// - health probes (`config: { rateLimitedBy: 'nothing' }`): nobody, ever;
// - a route behind bearer authentication (`rateLimitedBy: 'principal'`, set by `requireBearer`): its
//   principal, once the token is checked (`app.rateLimits.principal`); a failed authentication is
//   counted against the client's address on a budget of its own (`app.rateLimits.failedAuthentication`),
//   so a client guessing tokens, or with a revoked one, is stopped without locking out anyone else;
// - anything else (the API reference, unknown paths): the client's address, in the root's first
//   onRequest hook.
// The client's address is request.ip: the peer, or X-Forwarded-For from a proxy named in TRUST_PROXY; an IPv6
// address counts as its /64 and an IPv4 address mapped into IPv6 as the IPv4 address (the library's normalizeIP).
// Every 429 is a problem like every other error, with Retry-After and the budget it ran out of.
// Each budget counts in its own @fastify/rate-limit LocalStore, asked directly and at once (./rate-budget.ts,
// ADR 0054): a request within its budget passes without a promise.
import fp from 'fastify-plugin';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';
import { RateBudget } from './rate-budget.js';

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
  /**
   * Counts an authenticated request (request.principal set) against its principal's budget: the 429 problem to answer
   * with when it is spent, undefined otherwise.
   */
  principal(request: FastifyRequest, reply: FastifyReply): HttpProblem | undefined;
  /** Counts a failed authentication against the client's address: the 429 problem when that budget is spent. */
  failedAuthentication(request: FastifyRequest, reply: FastifyReply): HttpProblem | undefined;
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

/** The client's address as its budgets know it: IPv6 by its /64, as @fastify/rate-limit's default key. */
const addressOf = (request: FastifyRequest): string => normalizeIP(request.ip, 64);

const what: Record<Budget, string> = {
  address: 'requests without a token from this address',
  principal: 'requests of this principal',
  failed_authentications: 'failed authentications from this address',
};

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  // Separate counters (each budget its own store); the keys are prefixed all the same.
  const byAddress = new RateBudget(options.max, options.timeWindowMs);
  const byPrincipal = new RateBudget(options.max, options.timeWindowMs);
  const authFailures = new RateBudget(options.authFailureMax, options.authFailureWindowMs);

  function spend(budget: Budget, counter: RateBudget, key: string, reply: FastifyReply): HttpProblem | undefined {
    const { current, ttl } = counter.count(key);
    const ttlInSeconds = Math.ceil(ttl / 1000);
    const { max, maxText, windowMs } = counter;
    // The budget the caller spends from is shown on every answer, except for failed authentications,
    // whose budget is shown only on the 429 that ends it.
    if (budget !== 'failed_authentications') {
      reply.header('x-ratelimit-limit', maxText);
      reply.header('x-ratelimit-remaining', String(Math.max(0, max - current)));
      reply.header('x-ratelimit-reset', String(ttlInSeconds));
    }
    if (current <= max) return undefined;
    const retryAfter = String(Math.max(1, ttlInSeconds));
    return HttpProblem.of('rate_limited', {
      detail: `At most ${max} ${what[budget]} per ${windowMs / 1000} s; retry in ${retryAfter} s`,
      details: { budget, max, windowMs },
      headers: { 'retry-after': retryAfter, 'x-ratelimit-limit': maxText, 'x-ratelimit-remaining': '0' },
    });
  }

  app.decorate('rateLimits', {
    principal: (request: FastifyRequest, reply: FastifyReply) => {
      if (request.principal === null) throw new Error('rateLimits.principal needs an authenticated request');
      return spend('principal', byPrincipal, `principal:${request.principal.id}`, reply);
    },
    failedAuthentication: (request: FastifyRequest, reply: FastifyReply) =>
      spend('failed_authentications', authFailures, `auth-failure:${addressOf(request)}`, reply),
  } satisfies RateLimits);

  // First onRequest hook of the root: before anything else runs, including for unknown paths (the
  // not-found route has no rateLimitedBy, so probing for routes is limited per address).
  // A callback hook, so the routes paid for otherwise (every /v1 route) pass it without a promise (ADR 0048).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.rateLimitedBy !== undefined) return done();
    done(spend('address', byAddress, `address:${addressOf(request)}`, reply));
  });
}

export default fp(rateLimitPlugin, { name: 'ledger-rate-limit', fastify: '5.x' });
