// The order ADR 0006 gives a keyed write's two appends, and why it stays (ADR 0062): the events are sent only once
// the store has accepted the key's claim. Each test is an interleaving in which events sent beside their claim (both
// appends at once) would land although the claim did not: the claim held back, refused by the store, or left alone by
// a crash with another request coming for the key.
import { createSecretKey, randomBytes } from 'node:crypto';
import { pino } from 'pino';
import t from 'tap';
import { createLedger } from '../../src/application/ledger.js';
import { KEY_CLAIM_CATEGORY } from '../../src/application/key-claims.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { openTestStore } from '../helpers/esdb.js';
import { claimLeftByCrash, ctx, negotiator, newProcessId, registerProcess } from './ledger-fixtures.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);
const requestHashKey = createSecretKey(randomBytes(32));

const isClaim = (streamName: string): boolean => streamName.startsWith(`${KEY_CLAIM_CATEGORY}-`);

/** A ledger over `store` whose claim appends go through `claimAppend` first. */
function ledgerWith(
  claimAppend: (proceed: () => ReturnType<LedgerStore['append']>) => ReturnType<LedgerStore['append']>,
) {
  const wrapped: LedgerStore = {
    ...store,
    append: (streamName, events, options) => {
      const proceed = () => store.append(streamName, events, options);
      return isClaim(streamName) ? claimAppend(proceed) : proceed();
    },
  };
  return createLedger({
    store: wrapped,
    logger: pino({ level: 'silent' }),
    clock: () => new Date('2026-01-15T03:00:00.000Z'),
    requestHashKey,
    contention: { retries: 0 },
  });
}

const eventsIn = async (processId: string) => (await store.readStream(`process-${processId}`)).events.length;

t.test('a write sends its events only after the store has accepted its key claim', async (t) => {
  const processId = newProcessId();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let claimSent = false;
  const ledger = ledgerWith(async (proceed) => {
    claimSent = true;
    await held;
    return proceed();
  });
  const writing = ledger.execute(registerProcess(processId), ctx(negotiator()));
  while (!claimSent) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(await eventsIn(processId), 0, 'nothing in the stream while the claim is unanswered');
  release();
  const result = await writing;
  t.equal(result.eventIds.length, 1);
  t.equal(await eventsIn(processId), 1, 'the events follow the claim');
});

t.test('a write whose key claim the store fails appends no events, and its retry lands once', async (t) => {
  const processId = newProcessId();
  let failing = true;
  const ledger = ledgerWith((proceed) =>
    failing ? Promise.reject(new StoreUnavailableError('the store went away')) : proceed(),
  );
  const context = ctx(negotiator());
  await t.rejects(ledger.execute(registerProcess(processId), context), { code: 'store_unavailable' });
  await new Promise((resolve) => setTimeout(resolve, 50)); // an append still in flight would land meanwhile
  t.equal(await eventsIn(processId), 0, 'no events without their claim: the key is still free');
  failing = false;
  const retried = await ledger.execute(registerProcess(processId), context);
  t.equal(retried.replayed, false);
  t.equal(await eventsIn(processId), 1);
  t.same(await ledger.execute(registerProcess(processId), context), { ...retried, replayed: true });
});

t.test(
  'a claim left without events (a crash in between) refuses another request under its key, on any stream',
  async (t) => {
    const claimed = newProcessId();
    const context = ctx(negotiator());
    const first = registerProcess(claimed);
    await claimLeftByCrash(store, requestHashKey, context, first, `process-${claimed}`);
    const ledger = ledgerWith((proceed) => proceed());
    const other = newProcessId();
    await t.rejects(ledger.execute(registerProcess(other), context), {
      code: 'idempotency_key_reused',
      details: { streamName: `process-${claimed}` },
    });
    t.equal(await eventsIn(other), 0, 'nothing appended for the other request');
    t.equal(await eventsIn(claimed), 0, 'nor for the claimed one, which only its own retry completes');
    const completed = await ledger.execute(first, context);
    t.equal(completed.replayed, false);
    t.equal(await eventsIn(claimed), 1);
  },
);
