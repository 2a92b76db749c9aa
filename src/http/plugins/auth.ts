// Bearer-token authentication: `Authorization: Bearer <token>` -> tokens.verify -> request.principal.
// `app.authenticate` is an onRequest hook; `requireBearer(scope)` installs it for every route of the /v1
// scope, so a route added there is protected without doing anything. Missing or unknown tokens answer
// 401 with WWW-Authenticate (RFC 6750) and count against the client address's budget of failed
// authentications; an authenticated request counts against its principal's budget (./rate-limit.ts).
// What a principal may do is decided later (../authorization.ts).
// A request without an Authorization header may instead carry a signed-in browser session of the
// workspace (`sessions`, src/web/sessions.ts: cookie plus CSRF check on writes, ADR 0026).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Principal } from '../../../contracts/principal.js';
import { HttpProblem } from '../problem.js';

export interface TokenVerifier {
  verify(token: string): Principal | null | Promise<Principal | null>;
}

/** A browser session of the workspace: its principal, or null when the request carries none. */
export interface SessionVerifier {
  /** Throws a problem when the request carries a session but fails its CSRF check. */
  principalOf(request: FastifyRequest): Principal | null | Promise<Principal | null>;
}

export interface AuthPluginOptions {
  tokens: TokenVerifier;
  realm?: string;
  sessions?: SessionVerifier;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; null outside the authenticated scope. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    authenticate: onRequestHookHandler;
  }
}

const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The principal of an authenticated request; a route outside the authenticated scope gets a 401. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw HttpProblem.of('unauthorized', { detail: 'No bearer token was checked' });
  return request.principal;
}

/**
 * Every route of `scope` needs a bearer token and counts against its principal's rate-limit budget
 * instead of the client address's (call before the scope's routes are added).
 */
export function requireBearer(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, rateLimitedBy: 'principal' };
  });
  scope.addHook('onRequest', scope.authenticate);
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const realm = options.realm ?? 'position-ledger';
  const challenge = (error?: string): Record<string, string> => ({
    'www-authenticate': error === undefined ? `Bearer realm="${realm}"` : `Bearer realm="${realm}", error="${error}"`,
  });

  app.decorateRequest('principal', null);
  const unknownToken = (): HttpProblem =>
    HttpProblem.of('unauthorized', {
      detail: 'The bearer token is unknown or revoked',
      headers: challenge('invalid_token'),
    });
  const verified = (principal: Principal | null): Principal | HttpProblem => principal ?? unknownToken();

  /**
   * The principal the request's bearer token names, or the 401 problem to answer with: a promise only when something
   * had to be waited for (a browser session, a token file changed since it was read).
   */
  function principalFrom(request: FastifyRequest): Principal | HttpProblem | Promise<Principal | HttpProblem> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return fromSession(request);
    const match = bearer.exec(header);
    const token = match?.[1];
    if (token === undefined) {
      return HttpProblem.of('unauthorized', {
        detail: 'The Authorization header is not a bearer token',
        headers: challenge('invalid_request'),
      });
    }
    const principal = options.tokens.verify(token);
    return principal instanceof Promise ? principal.then(verified) : verified(principal);
  }

  async function fromSession(request: FastifyRequest): Promise<Principal | HttpProblem> {
    const principal = options.sessions === undefined ? null : await options.sessions.principalOf(request);
    if (principal !== null) return principal;
    return HttpProblem.of('unauthorized', {
      detail: 'Send a bearer token: Authorization: Bearer <token>',
      headers: challenge(),
    });
  }

  /** Admits the request as `found`, or answers its 401 (429 over the address's budget of failed authentications). */
  function admit(
    request: FastifyRequest,
    reply: FastifyReply,
    found: Principal | HttpProblem,
    done: (error?: Error) => void,
  ): void {
    let answer: Error | undefined;
    try {
      if (found instanceof HttpProblem) {
        // Over the address's budget of failed authentications, 429 instead.
        answer = app.rateLimits.failedAuthentication(request, reply) ?? found;
      } else {
        request.principal = found;
        request.log.debug({ principalId: found.id, agency: found.agency }, 'authenticated');
        answer = app.rateLimits.principal(request, reply);
      }
    } catch (error) {
      answer = error instanceof Error ? error : new Error(String(error));
    }
    done(answer);
  }

  // A callback hook (ADR 0048): a request whose token file is unchanged is admitted without waiting for a promise.
  app.decorate('authenticate', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    let found;
    try {
      found = principalFrom(request);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (found instanceof Promise) found.then((f) => admit(request, reply, f, done), done);
    else admit(request, reply, found, done);
  });
}

export default fp(authPlugin, { name: 'ledger-auth', fastify: '5.x', dependencies: ['ledger-rate-limit'] });
