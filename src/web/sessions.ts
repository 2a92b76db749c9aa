// Signed-in browser sessions of the workspace (ADR 0026). A person signs in with the bearer token
// `ledger token create` printed; the server keeps the token in memory under a random session id and
// hands the browser only that id, in an HttpOnly, SameSite=Strict cookie, plus a CSRF token that the
// page keeps in memory and sends as X-CSRF-Token on every write. Each request re-verifies the token,
// so revoking it ends its sessions at once. Sessions live in this process only: a restart signs
// everyone out (the page then shows the sign-in form again).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../contracts/principal.js';
import type { SessionVerifier, TokenVerifier } from '../http/plugins/auth.js';
import { HttpProblem } from '../http/problem.js';

export const SESSION_COOKIE = 'pl_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionOptions {
  tokens: TokenVerifier;
  /** A session unused this long ends (default 8 hours: a working day). */
  idleMs?: number;
  /** A session ends this long after sign-in whatever its use (default 12 hours). */
  maxAgeMs?: number;
  /** At most this many sessions at once; the least recently used is dropped first (default 10,000). */
  max?: number;
  now?: () => number;
}

export interface SignedIn {
  /** The cookie's value: shown to the browser once, kept here only as a hash. */
  readonly id: string;
  readonly csrf: string;
  readonly principal: Principal;
  readonly expiresAt: number;
}

export interface WorkspaceSessions extends SessionVerifier {
  /** A new session for a valid token; null for an unknown or revoked one. */
  signIn(token: string): Promise<SignedIn | null>;
  /** The session a request's cookie names, with its CSRF token (GET /web/session); no CSRF check. */
  current(request: FastifyRequest): Promise<{ principal: Principal; csrf: string } | null>;
  /** Ends the session a request's cookie names. */
  signOut(request: FastifyRequest): void;
  /** The Set-Cookie value that stores (or, with null, clears) the session cookie. */
  cookie(request: FastifyRequest, session: SignedIn | null): string;
  readonly size: number;
}

interface Session {
  token: string;
  csrf: string;
  createdAt: number;
  lastSeen: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const hashOf = (id: string): string => createHash('sha256').update(id).digest('base64url');
const randomId = (): string => randomBytes(32).toString('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfRejected(detail: string): HttpProblem {
  return new HttpProblem(403, 'csrf_token_invalid', 'The request is not from the signed-in workspace page', { detail });
}

export function createSessions(options: SessionOptions): WorkspaceSessions {
  const idleMs = options.idleMs ?? 8 * 3600_000;
  const maxAgeMs = options.maxAgeMs ?? 12 * 3600_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  // By hash of the cookie value; Map order = least recently used first.
  const sessions = new Map<string, Session>();

  const live = (key: string): Session | null => {
    const session = sessions.get(key);
    if (session === undefined) return null;
    const t = now();
    if (t - session.lastSeen > idleMs || t - session.createdAt > maxAgeMs) {
      sessions.delete(key);
      return null;
    }
    return session;
  };

  const keyOf = (request: FastifyRequest): string | null => {
    const header = request.headers.cookie;
    if (header === undefined) return null;
    const id = parseCookies(header)[SESSION_COOKIE];
    return id === undefined || id === '' ? null : hashOf(id);
  };

  /** The session and its principal, the token re-verified (revoked: the session ends). */
  const resolve = async (
    request: FastifyRequest,
  ): Promise<{ key: string; session: Session; principal: Principal } | null> => {
    const key = keyOf(request);
    if (key === null) return null;
    const session = live(key);
    if (session === null) return null;
    const principal = await options.tokens.verify(session.token);
    if (principal === null) {
      sessions.delete(key);
      return null;
    }
    session.lastSeen = now();
    sessions.delete(key);
    sessions.set(key, session);
    return { key, session, principal };
  };

  return {
    async signIn(token) {
      const principal = await options.tokens.verify(token);
      if (principal === null) return null;
      const id = randomId();
      const t = now();
      const session: Session = { token, csrf: randomId(), createdAt: t, lastSeen: t };
      sessions.set(hashOf(id), session);
      while (sessions.size > max) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      return { id, csrf: session.csrf, principal, expiresAt: t + maxAgeMs };
    },

    async principalOf(request) {
      const found = await resolve(request);
      if (found === null) return null;
      if (!SAFE_METHODS.has(request.method)) {
        // A browser says where a request comes from; another site's page is refused outright.
        const site = request.headers['sec-fetch-site'];
        if (site !== undefined && site !== 'same-origin')
          throw csrfRejected(`A write from a ${String(site)} page is refused`);
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameText(sent, found.session.csrf)) {
          throw csrfRejected(`Writes with the session cookie need the ${CSRF_HEADER} header of the signed-in page`);
        }
      }
      return found.principal;
    },

    async current(request) {
      const found = await resolve(request);
      return found === null ? null : { principal: found.principal, csrf: found.session.csrf };
    },

    signOut(request) {
      const key = keyOf(request);
      if (key !== null) sessions.delete(key);
    },

    cookie(request, session) {
      return serializeCookie(SESSION_COOKIE, session === null ? '' : session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        // Over plain HTTP (a workstation, behind a TLS proxy without trustProxy) a Secure cookie would
        // not come back; over HTTPS it is always Secure.
        secure: request.protocol === 'https',
        ...(session === null ? { maxAge: 0 } : { maxAge: Math.floor(maxAgeMs / 1000) }),
      });
    },

    get size() {
      return sessions.size;
    },
  };
}
