// The workspace as a Fastify plugin: the page shell at every page path (pages.ts), the bundle and
// the fonts under /assets/ (named by content or version: cached for a year), and sign-in / sign-out
// (/web/session, sessions.ts). Every page reads and writes through the same /v1 API as any client,
// so the page and the API never disagree. Pages carry the strict policy of csp.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Agency } from '../../contracts/principal.js';
import { WorkspaceSessionReply } from '../../contracts/read/workspace.js';
import type { LedgerApp } from '../http/instance.js';
import { HttpProblem, ProblemSchema } from '../http/problem.js';
import { buildBundle, type Asset } from './bundle.js';
import { WORKSPACE_HELMET } from './csp.js';
import { loadFonts } from './fonts.js';
import { PAGES } from './pages.js';
import type { WorkspaceSessions } from './sessions.js';

export interface WorkspaceOptions {
  sessions: WorkspaceSessions;
  /** The agency whose principals act for any agency (COORDINATING_AGENCY): the pages show its controls. */
  coordinatingAgency: Agency;
}

const YEAR = 'public, max-age=31536000, immutable';

const SignInBody = z.strictObject({
  token: z.string().trim().min(1).max(500).describe('A bearer token as `ledger token create` printed it'),
});
export function shellHtml(script: Asset, style: Asset, fontPreload: string): string {
  return [
    '<!doctype html>',
    '<html lang="th">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    '<title>ระบบบันทึกท่าทีการเจรจา · Position Ledger</title>',
    `<link rel="preload" href="${fontPreload}" as="font" type="font/woff2" crossorigin>`,
    `<link rel="stylesheet" href="${style.path}">`,
    `<script type="module" src="${script.path}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript><p lang="th">ต้องเปิดใช้ JavaScript ในเบราว์เซอร์</p><p lang="en">This workspace needs JavaScript.</p></noscript></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accepted = request.headers['accept-encoding'];
  return typeof accepted === 'string' && /\bgzip\b/.test(accepted);
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  reply.header('cache-control', YEAR).header('etag', asset.etag).header('vary', 'accept-encoding').type(asset.type);
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  if (asset.gzip !== undefined && acceptsGzip(request))
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

export async function workspace(app: FastifyInstance, options: WorkspaceOptions): Promise<void> {
  const { sessions, coordinatingAgency } = options;
  const fonts = loadFonts();
  const { script, style } = await buildBundle(fonts.css);
  const assets = new Map<string, Asset>([
    [script.path, script],
    [style.path, style],
    ...fonts.files.map((f): [string, Asset] => [
      f.path,
      { path: f.path, body: f.body, type: 'font/woff2', etag: `"${f.path.split('/')[3] ?? ''}"` },
    ]),
  ]);
  const shell = Buffer.from(shellHtml(script, style, fonts.preload));
  const typed = app.withTypeProvider<ZodTypeProvider>();

  for (const path of new Set(Object.values(PAGES))) {
    typed.get(path, { schema: { hide: true }, helmet: WORKSPACE_HELMET }, async (_request, reply) =>
      // The shell names the current bundle: always revalidated, never kept.
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(shell),
    );
  }

  typed.get('/assets/*', { schema: { hide: true }, helmet: WORKSPACE_HELMET }, async (request, reply) => {
    const asset = assets.get(request.url.split('?')[0] ?? '');
    if (asset === undefined)
      throw HttpProblem.of('route_not_found', {
        detail: `${request.url} is not an asset of this version of the workspace`,
      });
    return sendAsset(request, reply, asset);
  });

  typed.post(
    '/web/session',
    {
      schema: {
        summary:
          'Sign in to the workspace with a bearer token: sets an HttpOnly session cookie and answers its CSRF token',
        tags: ['workspace'],
        body: SignInBody,
        response: {
          201: WorkspaceSessionReply,
          400: ProblemSchema,
          401: ProblemSchema.describe('Unknown or revoked token'),
        },
      },
    },
    async (request, reply) => {
      const signed = await sessions.signIn(request.body.token);
      if (signed === null) {
        throw HttpProblem.of('unauthorized', {
          detail: 'The token is unknown or revoked',
          errors: [{ in: 'body', pointer: '/token', message: 'unknown or revoked token', code: 'invalid_token' }],
        });
      }
      request.log.info(
        { principalId: signed.principal.id, agency: signed.principal.agency },
        'signed in to the workspace',
      );
      return reply
        .code(201)
        .header('set-cookie', sessions.cookie(request, signed))
        .header('cache-control', 'no-store')
        .send({ principal: signed.principal, csrf: signed.csrf, coordinatingAgency });
    },
  );

  typed.get(
    '/web/session',
    {
      schema: {
        summary: "The workspace session's principal and CSRF token (same-origin pages only can read it)",
        tags: ['workspace'],
        response: { 200: WorkspaceSessionReply, 401: ProblemSchema.describe('Not signed in, or the session ended') },
      },
    },
    async (request, reply) => {
      const current = await sessions.current(request);
      if (current === null) throw HttpProblem.of('unauthorized', { detail: 'Not signed in to the workspace' });
      return reply.header('cache-control', 'no-store').send({ ...current, coordinatingAgency });
    },
  );

  typed.delete(
    '/web/session',
    {
      schema: {
        summary: 'Sign out of the workspace (needs the X-CSRF-Token of the session)',
        tags: ['workspace'],
        response: { 204: z.null(), 403: ProblemSchema.describe('Missing or wrong X-CSRF-Token') },
      },
    },
    async (request, reply) => {
      // The CSRF check, as on every write with the cookie: another site cannot sign a person out.
      if ((await sessions.principalOf(request)) !== null) sessions.signOut(request);
      return reply.code(204).header('set-cookie', sessions.cookie(request, null)).send(null);
    },
  );
}

/** Registers the workspace on the app (after the API: its pages use the same error handler and limits). */
export async function registerWorkspace(app: LedgerApp, options: WorkspaceOptions): Promise<void> {
  await app.register(async (scope: FastifyInstance) => workspace(scope, options));
}
