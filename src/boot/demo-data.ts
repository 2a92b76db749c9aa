// Loads the demo data (src/seed) into an empty store when SEED_DEMO asks for it, or finishes a load an
// earlier start did not complete, before the read side starts; `app.demoLoad` is what it did. It opens
// nothing, so it has nothing to close.
import type { KeyObject } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLedger } from '../application/ledger.js';
import type { LoadReport } from '../seed/demo.js';
import { demoLoadNeeded, seedDemo } from '../seed/load.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The demo data load, when it ran (SEED_DEMO, and an empty store or an unfinished load). */
    demoLoad: LoadReport | undefined;
  }
}

export interface DemoDataOptions {
  enabled: boolean;
  logger: Logger;
  requestHashKey: KeyObject;
}

async function demoDataPlugin(
  app: FastifyInstance,
  { enabled, logger, requestHashKey }: DemoDataOptions,
): Promise<void> {
  const { store } = app.eventStore;
  let seeded: LoadReport | undefined;
  const demo = enabled ? await demoLoadNeeded(store) : undefined;
  if (demo !== undefined) {
    // Loading is idempotent per step: an earlier start cut off while loading is finished here.
    logger.info(
      demo === 'empty' ? 'empty store: loading the demo data' : 'the demo data load did not finish: loading the rest',
    );
    // One log line per demo event would bury the start-up message: the seed logs only warnings
    // (unless the configured level is already quieter) and its summary below.
    const quiet = logger.levelVal >= (logger.levels.values['warn'] ?? 40) ? logger.level : 'warn';
    // The demo data is MFA's record of the AHC consultations, made while MFA coordinated: it is written
    // with MFA as the coordinating agency whatever COORDINATING_AGENCY says (ledger's default).
    seeded = await seedDemo(
      createLedger({ store, logger: logger.child({ component: 'seed' }, { level: quiet }), requestHashKey }),
    );
    logger.info({ ...seeded }, 'demo data loaded');
  }
  app.decorate('demoLoad', seeded);
}

export default fp(demoDataPlugin, { name: 'ledger-demo-data', fastify: '5.x', dependencies: ['ledger-event-store'] });
