// The read side (src/read: index, projector, the questions it answers) as a piece of the app (style.md
// 5): creates it over the app's store, starts its projector, makes it available to the read routes as
// `app.readSide`, adds the projector to /readyz (src/read/lag.ts decides), and stops it on close (after
// the routes that use it, before the store it reads: onClose hooks run in reverse order of
// registration). Routes take it as a ReadSide (its questions); the composition root, metrics and tests
// see its parts.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createReadSide, type ReadSideOptions, type ReadSideParts } from '../../read/read-side.js';

declare module 'fastify' {
  interface FastifyInstance {
    readSide: ReadSideParts;
  }
}

export type ReadSidePluginOptions = ReadSideOptions;

async function readSidePlugin(app: FastifyInstance, options: ReadSidePluginOptions): Promise<void> {
  const read = createReadSide(options);
  // Before start: a start that fails part-way still closes the index file it opened.
  app.addHook('onClose', async () => {
    try {
      await read.stop();
    } catch (err) {
      options.logger.error({ err, part: 'read side' }, 'error while closing');
    }
  });
  await read.start();
  app.decorate('readSide', read);
  app.addReadinessCheck('projector', async ({ storeHead }) => read.readiness(await storeHead()));
}

export default fp(readSidePlugin, { name: 'ledger-read-side', fastify: '5.x', dependencies: ['ledger-health'] });
