// Request metrics and the /metrics route (ADR 0037). Every answered request is counted in
// `ledger_http_request_duration_seconds` by method, route *pattern* (`/v1/issues/:issueId/position`, never
// the URL: one series per route, however many ids are asked for; `unmatched` for a URL no route takes)
// and status code, with how long it took. `GET /metrics` answers the Prometheus text exposition of the
// app's registry (src/metrics/ledger-metrics.ts) to a bearer token of an auditor or an admin, unless the
// metrics are served on a port of their own (METRICS_PORT, src/metrics/server.ts): then the API has no
// /metrics route at all.
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerMetrics } from '../../metrics/ledger-metrics.js';
import { principalOf, requireBearer } from './auth.js';
import { HttpProblem, ProblemSchema } from '../problem.js';

export interface MetricsPluginOptions {
  metrics: LedgerMetrics;
  /** Serve GET /metrics on the API (behind a bearer token); false when METRICS_PORT serves them. */
  route: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics registry and instruments: parts registered later report into it. */
    metrics: LedgerMetrics;
  }
}

/** Roles whose tokens may read /metrics: those that cannot write (a scraper holds its token in a file). */
export const METRICS_ROLES = ['auditor', 'admin'] as const;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

async function metricsPlugin(app: FastifyInstance, options: MetricsPluginOptions): Promise<void> {
  const { metrics } = options;
  app.decorate('metrics', metrics);

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    metrics.http.observe(
      {
        method: METHODS.has(request.method) ? request.method : 'other',
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  if (!options.route) return;
  await app.register(async (scope) => {
    requireBearer(scope);
    scope.get(
      '/metrics',
      {
        schema: {
          summary: 'Prometheus metrics (text exposition format); auditor or admin tokens, or METRICS_PORT instead',
          tags: ['health'],
          produces: ['text/plain'],
          response: {
            200: {
              description: 'Prometheus text exposition format 0.0.4',
              content: {
                'text/plain': { schema: z.string().describe('One `# HELP`, `# TYPE` and sample lines per metric') },
              },
            },
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (!principal.roles.some((r) => (METRICS_ROLES as readonly string[]).includes(r))) {
          throw HttpProblem.of('role_not_allowed', {
            detail: `/metrics needs one of the roles ${METRICS_ROLES.join(', ')}; this token has ${principal.roles.join(', ')}`,
          });
        }
        return reply.type(metrics.contentType).send(await metrics.text());
      },
    );
  });
}

export default fp(metricsPlugin, { name: 'ledger-metrics', fastify: '5.x', dependencies: ['ledger-auth'] });
