import t from 'tap';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createLedgerStore, type StoredEvent } from '../../src/store/adapter.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createProjector } from '../../src/read/projector.js';
import { issueKey } from '../../projections/routing.js';
import { openTestStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

const logger = pino({ level: 'silent' });
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

t.test(
  'live events that arrive while the checks look at one go to them together, and none is indexed before its look ends',
  async (t) => {
    const test = await openTestStore();
    const store = createLedgerStore(test.client);
    const issueId = `groups-${randomUUID()}`;
    const stream = `position-${issueId}`;
    // The checks: each look the projector hands over is held until the test lets it end (none held while catching up).
    let holding = false;
    const looks: Array<{ versions: number[]; end: () => void }> = [];
    const observer = {
      from: () => null,
      look(events: readonly StoredEvent[]): Promise<void> {
        const versions = events
          .filter((e) => e.streamName === stream)
          .map((e) => (e.data as { version: number }).version);
        if (!holding) return Promise.resolve();
        return new Promise<void>((resolve) => looks.push({ versions, end: resolve }));
      },
    };
    const index = createMemoryIndex();
    const projector = createProjector({ store, index, logger, observer });
    await projector.start();
    t.teardown(async () => {
      for (const look of looks) look.end();
      await projector.stop();
      await test.close();
    });
    await projector.ready();
    holding = true;
    const indexed = () => index.envelopesOf(issueKey(issueId)).length;

    await store.append(stream, [draftEvent(issueId, 1)], { expectedRevision: 'no_stream' });
    await until(() => looks.length === 1, 'the first event to be handed to the checks');
    t.same(looks[0]?.versions, [1], 'an event arriving while the checks are idle goes at once, alone');

    let last = 0n;
    for (let v = 2; v <= 4; v += 1)
      last = (await store.append(stream, [draftEvent(issueId, v)], { expectedRevision: BigInt(v - 2) })).position
        .commit;
    await settle(300);
    t.equal(looks.length, 1, 'events arriving while the checks look wait for that look to end');
    t.equal(indexed(), 0, 'nothing is indexed before the checks have looked at it');
    t.equal(await projector.waitFor(last, 50), false, 'a read asking for the last write waits');

    looks[0]?.end();
    await until(() => looks.length === 2, 'the waiting events to be handed to the checks');
    t.same(looks[1]?.versions, [2, 3, 4], 'the events that waited go together, in order');
    t.equal(indexed(), 1, 'only the event whose look has ended is indexed');

    const reached = projector.waitFor(last, 5000);
    looks[1]?.end();
    t.equal(await reached, true, 'a read asking for the last write is answered once its group is indexed');
    t.equal(indexed(), 4);
  },
);
