// The read side (src/read: index, projector, as-of queries) as a piece of the app (style.md 5): creates
// it over the app's store, starts its projector, makes it available to the read routes as
// `app.readSide`, adds the projector to /readyz, and stops it on close (after the routes that use it,
// before the store it reads: onClose hooks run in reverse order of registration).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createReadSide, type ReadSide, type ReadSideOptions } from '../../read/read-side.js';
import { projectorLag } from '../routes/read/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    readSide: ReadSide;
  }
}

export type ReadSidePluginOptions = ReadSideOptions;

/** While the read side warms its caches after a restart (it serves meanwhile, folding on demand). */
function warming(read: ReadSide): string {
  const w = read.warmUp();
  return w === null || w.finished || w.done >= w.of ? '' : `; warming the read models: ${w.done} of ${w.of} issues folded`;
}

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
}

export default fp(readSidePlugin, { name: 'ledger-read-side', fastify: '5.x', dependencies: ['ledger-health'] });
