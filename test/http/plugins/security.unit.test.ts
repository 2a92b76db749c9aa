// The security headers built once (src/http/plugins/security.ts) are the ones @fastify/helmet sets when it
// builds them per request, on the API's answers, on a route with its own options (the workspace's
// pages) or with none, 404s included.
import t from 'tap';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import security from '../../../src/http/plugins/security.js';
import { WORKSPACE_HELMET } from '../../../src/web/csp.js';

async function withRoutes(register: (app: FastifyInstance) => Promise<unknown>): Promise<FastifyInstance> {
  const app = Fastify();
  await register(app);
  app.get('/api', async () => ({ ok: true }));
  app.get('/page', { helmet: WORKSPACE_HELMET }, async () => 'page');
  app.get('/bare', { helmet: false }, async () => 'bare');
  await app.ready();
  return app;
}

/** Every header but the ones that say nothing of security. */
async function headersOf(app: FastifyInstance, url: string): Promise<Record<string, unknown>> {
  const res = await app.inject({ method: 'GET', url });
  const { date: _date, 'content-length': _length, connection: _connection, ...headers } = res.headers;
  return { status: res.statusCode, ...headers };
}

t.test(
  'the API, a page with its own policy, a route without and a 404 get the headers helmet gives them',
  async (t) => {
    const built = await withRoutes(async (app) => app.register(security));
    const perRequest = await withRoutes(async (app) =>
      app.register(fastifyHelmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }),
    );
    t.teardown(() => Promise.all([built.close(), perRequest.close()]));
    for (const url of ['/api', '/page', '/nowhere']) {
      const headers = await headersOf(built, url);
      t.same(headers, await headersOf(perRequest, url), `${url}: the same headers`);
      t.match(headers['content-security-policy'], /default-src 'self'/, `${url}: with a policy`);
    }
    t.same(await headersOf(built, '/bare'), await headersOf(perRequest, '/bare'), '/bare: the same headers');
    t.equal((await headersOf(built, '/bare'))['content-security-policy'], undefined, '/bare: none');
    t.notMatch((await headersOf(built, '/api'))['content-security-policy'], /upgrade-insecure-requests/);
    t.match((await headersOf(built, '/page'))['content-security-policy'], /frame-ancestors 'none'/, "the page's own");
  },
);
