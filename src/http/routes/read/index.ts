// The read API: positions, history, alignment, consultations, session briefs, and the auditors'
// raw events and replay, the live event stream (/v1/live): one of the route plugins of /v1
// (../index.ts), over the read side the app decorates as `app.readSide` (plugins/read-side.ts, which
// also reports the projector's lag on /readyz).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { compareLog, logPositionFromJson } from '../../../../contracts/log-position.js';
import type { ReadSide } from '../../../read/read-side.js';
import type { HeadPosition, ReadinessLag } from '../../plugins/health.js';
import { auditReads } from './audit.js';
import { catalogReads } from './catalog.js';
import { changesReads } from './changes.js';
import { compareReads } from './compare.js';
import { searchReads } from './search.js';
import { consultationReads } from './consultations.js';
import { followUpReads } from './follow-ups.js';
import { liveReads } from './live.js';
import { positionReads } from './positions.js';
import { readSchemaErrors } from './read-request.js';

async function readRoutes(app: FastifyInstance): Promise<void> {
  const read = app.readSide;
  app.setSchemaErrorFormatter(readSchemaErrors);
  await positionReads(app, read);
  await consultationReads(app, read);
  await followUpReads(app, read);
  await auditReads(app, read);
  await catalogReads(app, read);
  await changesReads(app, read);
  await compareReads(app, read);
  await searchReads(app, read);
  await liveReads(app, read);
}

/** Encapsulated (its schema error formatter and routes stay in the /v1 scope), named with what it needs. */
export default fp(readRoutes, {
  name: 'ledger-read-routes',
  fastify: '5.x',
  dependencies: ['ledger-auth', 'ledger-read-side'],
  encapsulate: true,
});

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
