// Bearer-token authentication: `Authorization: Bearer <token>` -> tokens.verify -> request.principal.
// `app.authenticate` is an onRequest hook; the /v1 scope installs it for every route inside it, so a route
// added there is protected without doing anything. Missing or unknown tokens answer 401 with
// WWW-Authenticate (RFC 6750); what a principal may do is decided later (../authorization.ts).
// A request without an Authorization header may instead carry a signed-in browser session of the
// workspace (`sessions`, src/web/sessions.ts: cookie plus CSRF check on writes, ADR 0026).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
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

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const realm = options.realm ?? 'position-ledger';
  const challenge = (error?: string): Record<string, string> => ({
    'www-authenticate': error === undefined ? `Bearer realm="${realm}"` : `Bearer realm="${realm}", error="${error}"`,
  });

  app.decorateRequest('principal', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      const fromSession = options.sessions === undefined ? null : await options.sessions.principalOf(request);
      if (fromSession !== null) {
        request.principal = fromSession;
        return;
      }
      throw HttpProblem.of('unauthorized', {
        detail: 'Send a bearer token: Authorization: Bearer <token>',
        headers: challenge(),
      });
    }
    const match = bearer.exec(header);
    const token = match?.[1];
    if (token === undefined) {
      throw HttpProblem.of('unauthorized', {
        detail: 'The Authorization header is not a bearer token',
        headers: challenge('invalid_request'),
      });
    }
    const principal = await options.tokens.verify(token);
    if (principal === null) {
      throw HttpProblem.of('unauthorized', {
        detail: 'The bearer token is unknown or revoked',
        headers: challenge('invalid_token'),
      });
    }
    request.principal = principal;
    request.log.debug({ principalId: principal.id, agency: principal.agency }, 'authenticated');
  });
}

export default fp(authPlugin, { name: 'ledger-auth', fastify: '5.x' });
