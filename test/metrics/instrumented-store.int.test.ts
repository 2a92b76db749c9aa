// Appends through the instrumented store are timed by stream category and result; a conflict (the
// stream not at the expected revision) is counted as one, and still reaches the caller as before.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { createLedgerStore } from '../../src/store/adapter.js';
import { ConcurrencyError } from '../../src/store/errors.js';
import { createLedgerMetrics } from '../../src/metrics/ledger-metrics.js';
import { instrumentStore } from '../../src/metrics/instrumented-store.js';
import { openTestStore } from '../helpers/esdb.js';

t.test('a second append expecting an empty stream is counted as a conflict, the first as an append', async (t) => {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  const metrics = createLedgerMetrics();
  const store = instrumentStore(createLedgerStore(testStore.client), metrics);
  const stream = `issue-${randomUUID()}`;
  const event = () => ({ id: randomUUID(), type: 'IssueNoted', data: { n: 1 }, metadata: {} });
  await store.append(stream, [event(), event()], { expectedRevision: 'no_stream' });
  await t.rejects(store.append(stream, [event()], { expectedRevision: 'no_stream' }), ConcurrencyError);

  const text = await metrics.text();
  t.match(text, /^ledger_store_append_duration_seconds_count\{category="issue",result="ok"\} 1$/m);
  t.match(text, /^ledger_store_append_duration_seconds_count\{category="issue",result="conflict"\} 1$/m);
  t.match(text, /^ledger_store_append_conflicts_total\{category="issue"\} 1$/m);
  t.match(text, /^ledger_store_appended_events_total\{category="issue"\} 2$/m);
});

t.test('a stream outside the ledger categories is labelled "other"', async (t) => {
  const { streamCategory } = await import('../../src/metrics/ledger-metrics.js');
  t.equal(streamCategory('position-ahc-scope'), 'position');
  t.equal(streamCategory('read-audit-2026-12-06'), 'read-audit');
  t.equal(streamCategory(`tenant${randomUUID()}-x`), 'other');
});
