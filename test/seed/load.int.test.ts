import { pino } from 'pino';
import t from 'tap';
import { createLedger } from '../../src/application/ledger.js';
import { holdsNoLedgerEvents, seedDemo } from '../../src/seed/load.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore, usesExternalStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);
const ledger = createLedger({ store, logger: pino({ level: 'silent' }) });

async function countLedgerEvents(): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

t.test('loading the demo data twice appends nothing the second time', async (t) => {
  if (!usesExternalStore()) t.equal(await holdsNoLedgerEvents(store), true, 'a fresh store holds no ledger events');
  const first = await seedDemo(ledger);
  t.ok(first.steps > 20, 'the demo has a real timeline');
  t.equal(first.appended + first.replayed, first.steps, 'every step either appended or was already there');
  t.equal(await holdsNoLedgerEvents(store), false);
  const before = await countLedgerEvents();
  const second = await seedDemo(ledger);
  t.equal(second.appended, 0);
  t.equal(second.replayed, second.steps);
  t.equal(await countLedgerEvents(), before, 'the store holds exactly the same events');
});
