// The read API: positions, history, alignment, consultations, session briefs, and the auditors'
// raw events and replay, the live event stream (/v1/live), under /v1 behind bearer authentication,
// plus the projector's readiness.
// `registerReadApi(app, read)` is the one call the app makes (after its health plugin).
import type { FastifyInstance } from 'fastify';
import { compareLog, logPositionFromJson } from '../../../../contracts/log-position.js';
import type { ReadSide } from '../../../read/read-side.js';
import type { LedgerApp } from '../../instance.js';
import { requireBearer } from '../../plugins/auth.js';
import type { HeadPosition, ReadinessLag } from '../../plugins/health.js';
import { auditReads } from './audit.js';
import { catalogReads } from './catalog.js';
import { changesReads } from './changes.js';
import { compareReads } from './compare.js';
import { searchReads } from './search.js';
import { consultationReads } from './consultations.js';
import { liveReads } from './live.js';
import { positionReads } from './positions.js';
import { readSchemaErrors } from './read-request.js';

export async function readRoutes(app: FastifyInstance, read: ReadSide): Promise<void> {
  app.setSchemaErrorFormatter(readSchemaErrors);
  await positionReads(app, read);
  await consultationReads(app, read);
  await auditReads(app, read);
  await catalogReads(app, read);
  await changesReads(app, read);
  await compareReads(app, read);
  await searchReads(app, read);
  await liveReads(app, read);
}

/** The projector's lag is counted event by event up to this many; beyond it the answer says "at least". */
export const LAG_COUNT_LIMIT = 1000;

/** How far the projector is behind the store's head, in positions and in ledger events. */
export async function projectorLag(read: ReadSide, head: HeadPosition | null): Promise<ReadinessLag> {
  const s = read.projector.status();
  const position = s.position === null ? null : logPositionFromJson(s.position);
  let eventsBehind = 0;
  let exact = true;
  if (head !== null && (position === null || compareLog(head, position) > 0)) {
    // The head may be an event the projector does not follow (system or metadata streams): count
    // the ledger events after the projector's position instead of trusting the difference; stop at
    // LAG_COUNT_LIMIT so a probe stays cheap however far behind the projector is.
    for await (const e of read.store.readAll({ from: position ?? 'start' })) {
      if (position !== null && compareLog(e.position, position) <= 0) continue;
      eventsBehind += 1;
      if (eventsBehind >= LAG_COUNT_LIMIT) {
        exact = false;
        break;
      }
    }
  }
  return {
    head: head === null ? null : head.commit.toString(),
    position: s.position?.commit ?? null,
    eventsBehind,
    eventsBehindExact: exact,
    caughtUp: s.caughtUp && eventsBehind === 0,
  };
}

/** While the read side warms its caches after a restart (it serves meanwhile, folding on demand). */
function warming(read: ReadSide): string {
  const w = read.warmUp();
  return w === null || w.finished || w.done >= w.of ? '' : `; warming the read models: ${w.done} of ${w.of} issues folded`;
}

export async function registerReadApi(app: LedgerApp, read: ReadSide): Promise<void> {
  app.addReadinessCheck('projector', async ({ storeHead }) => {
    const s = read.projector.status();
    const lag = await projectorLag(read, await storeHead());
    const behind = `${lag.eventsBehindExact ? '' : 'at least '}${lag.eventsBehind} events behind the store (head ${lag.head ?? 'none'})`;
    const at = `at ${lag.position ?? 'none'}, ${behind}`;
    if (!s.caughtUp) return { ok: false, detail: `catching up (${at})`, lag };
    return {
      ok: s.connected,
      detail: `${at}; ${s.eventsIndexed} events read; last event applied ${s.lastEventLagMs ?? 0} ms after it was recorded${s.connected ? '' : '; resubscribing'}${warming(read)}`,
      lag,
    };
  });
  await app.register(
    async (v1) => {
      requireBearer(v1);
      await v1.register(async (scope: FastifyInstance) => readRoutes(scope, read));
    },
    { prefix: '/v1' },
  );
}
