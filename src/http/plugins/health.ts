// /healthz answers while the process serves; /readyz answers 200 only when every readiness check passes
// (the event store answers a ping; the read side adds its projector with `app.addReadinessCheck`,
// reporting how far it is behind the store's head: `lag`).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthReply, ReadinessReply } from '../../../contracts/read/health.js';
import type { HeadPosition, ReadinessLag } from '../../read/lag.js';
import { ProblemSchema } from '../problem.js';

export interface ReadinessResult {
  ok: boolean;
  /** Shown to callers: keep it free of internals. */
  detail?: string;
  lag?: ReadinessLag;
  /** The integrity check's break (ADR 0034): the stream and revision that failed, and why. */
  stream?: string;
  revision?: string;
  eventId?: string | null;
  reason?: string;
}

/** What a check may ask of the probe; answers are shared by the checks of one /readyz request. */
export interface ReadinessContext {
  /** The store's head (last position in $all); null for an empty store or a store that cannot say. */
  storeHead(): Promise<HeadPosition | null>;
}

export type ReadinessCheck = (context: ReadinessContext) => Promise<ReadinessResult>;

declare module 'fastify' {
  interface FastifyInstance {
    addReadinessCheck(name: string, check: ReadinessCheck): void;
  }
}

export interface StorePing {
  ping(): Promise<unknown>;
  /** The last position in $all (the store adapter's headPosition). */
  headPosition?(): Promise<HeadPosition | null>;
}

export interface HealthPluginOptions {
  store: StorePing;
  /** A check slower than this counts as failed. */
  checkTimeoutMs?: number;
}

async function withTimeout(check: ReadinessCheck, context: ReadinessContext, ms: number): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([check(context), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function healthPlugin(app: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  const checks = new Map<string, ReadinessCheck>();
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck) => {
    checks.set(name, check);
  });
  app.addReadinessCheck('store', async () => {
    await options.store.ping();
    return { ok: true };
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      // Never rate limited: a flood of bad requests from one address must not make the service look down.
      config: { rateLimitedBy: 'nothing' },
      schema: {
        summary: 'The process is up',
        tags: ['health'],
        security: [],
        response: { 200: HealthReply },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  typed.get(
    '/readyz',
    {
      config: { rateLimitedBy: 'nothing' },
      schema: {
        summary: 'The service can serve requests (event store reachable, read side caught up)',
        tags: ['health'],
        security: [],
        response: { 200: ReadinessReply, 503: ReadinessReply, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const results: Record<string, ReadinessResult> = {};
      let head: Promise<HeadPosition | null> | undefined;
      const context: ReadinessContext = {
        storeHead: () => (head ??= options.store.headPosition?.() ?? Promise.resolve(null)),
      };
      for (const [name, check] of checks) {
        try {
          results[name] = await withTimeout(check, context, timeoutMs);
        } catch (error) {
          request.log.warn({ err: error, check: name }, 'readiness check failed');
          results[name] = { ok: false, detail: 'unavailable' };
        }
      }
      const ready = Object.values(results).every((r) => r.ok);
      if (!ready) reply.code(503).header('retry-after', '5');
      return { status: ready ? ('ready' as const) : ('not_ready' as const), checks: results };
    },
  );
}

export default fp(healthPlugin, { name: 'ledger-health', fastify: '5.x' });
