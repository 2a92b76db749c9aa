// The probes: /healthz (the process is up) and /readyz (every readiness check passes), with how far the
// projector is behind the store.
import { z } from 'zod';

export const HealthReply = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const ReadinessLagReply = z
  .object({
    head: z.string().nullable().describe("The store's last commit position; null for an empty store"),
    position: z
      .string()
      .nullable()
      .describe('The last commit position the projector has applied; null before the first event'),
    eventsBehind: z.int(),
    eventsBehindExact: z.boolean().describe('False when it stopped counting (there are more)'),
    caughtUp: z.boolean(),
  })
  .meta({ id: 'ReadinessLag' });

export const ReadinessCheckReply = z.object({
  ok: z.boolean(),
  detail: z.string().optional(),
  lag: ReadinessLagReply.optional(),
  // The integrity check's break (ADR 0034): where the chain or the log broke, and how.
  stream: z.string().optional(),
  revision: z.string().optional(),
  eventId: z.string().nullable().optional(),
  reason: z.string().optional(),
});

export const ReadinessReply = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.record(z.string(), ReadinessCheckReply).describe('Each check by name: store, projector, integrity'),
  })
  .meta({ id: 'Readiness' });
