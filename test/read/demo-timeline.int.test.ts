// The demo timeline (src/seed) loaded through the real ledger into the store, projected by the
// projector, and asked about one issue at three dates on both clocks.
import t from 'tap';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { asOfFor } from '../../projections/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createReadSide } from '../../src/read/read-side.js';
import { asOfInstant as parseAsOf } from '../../contracts/dates.js';
import { demoSeed, loadSeed } from '../../src/seed/demo.js';
import { openTestStore } from '../helpers/esdb.js';

t.test('the position on AHC scope as of 2022-01-01, 2024-02-01 and today, on both axes', async (t) => {
  const test = await openTestStore();
  const logger = pino({ level: 'silent' });
  const store = createLedgerStore(test.client);
  const ledger = createLedger({ store, logger });
  let last = 0n;
  const loading = Date.now();
  await loadSeed(demoSeed(), async (command, ctx) => {
    const result = await ledger.execute(command, ctx);
    if (BigInt(result.position.commit) > last) last = BigInt(result.position.commit);
    return result;
  });
  t.comment(`seed loaded in ${Date.now() - loading} ms`);
  const loadedAt = new Date().toISOString();
  // The read side has its own client, as in production (projector apart from the writers).
  const readClient = EventStoreDBClient.connectionString(test.connectionString);
  const read = createReadSide({ store: createLedgerStore(readClient), logger });
  t.teardown(async () => {
    await read.stop();
    await readClient.dispose();
    await test.close();
  });
  await read.start();
  t.equal(await read.projector.waitFor(last, 20000), true, 'the projector reached the end of the seed');
  const m = read.models;
  const valid = (d: string) => asOfFor('valid', parseAsOf(d));
  const recorded = (d: string) => asOfFor('recorded', parseAsOf(d));

  const v2022 = m.position('ahc-scope', valid('2022-01-01'));
  t.equal(v2022?.inForce?.version, 1, 'on 1 Jan 2022 the interagency position of 28 Dec 2021 was in force');
  t.equal(v2022?.inForce?.stance, 'listening');
  t.equal(v2022?.inForce?.authority, 'interagency');
  t.ok((v2022?.inForce?.basis.inputs.length ?? 0) > 0, 'it rests on the consultation outcome');

  const v2024 = m.position('ahc-scope', valid('2024-02-01'));
  t.equal(v2024?.inForce?.version, 2, 'by 1 Feb 2024 the Cabinet framework of 23 Jan 2024 was in force');
  t.equal(v2024?.inForce?.authority, 'cabinet');
  t.equal(v2024?.inForce?.stance, 'support-with-amendments');
  t.equal(v2024?.inForce?.effectiveFrom, '2024-01-23');

  const today = new Date().toISOString();
  t.same(m.position('ahc-scope', valid(today))?.inForce?.version, 2);

  // Everything was recorded just now: on the recorded axis the ledger knew nothing on those dates.
  t.equal(m.position('ahc-scope', recorded('2022-01-01')), null);
  t.equal(m.position('ahc-scope', recorded('2024-02-01')), null);
  t.same(
    m.position(
      'ahc-scope',
      asOfFor('recorded', new Date(Math.max(Date.parse(today), Date.parse(loadedAt)) + 1000).toISOString()),
    ),
    m.position('ahc-scope', valid(today)),
    'today both axes agree',
  );

  // The demo retracts a view recorded for the wrong agency: gone on the valid axis.
  const history = m.history('ahc-scope', valid(today)) ?? [];
  t.ok(
    history.some((h) => h.type === 'PositionEndorsed' && h.changes.some((c) => c.field === 'authority')),
    'the history shows the authority moving to the Cabinet',
  );
});
