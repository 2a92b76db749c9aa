// esdb-protocol.md §4.1: the expected-revision table, row by row, through BatchAppend (the client's default)
// and unary Append (per-call credentials), plus the wire shape of WrongExpectedVersion on both.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import sharedPbModule from '@eventstore/db-client/generated/shared_pb.js';
import type { AppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import { openTestStore } from '../../helpers/esdb.js';
import {
  addressOf,
  batchRequest,
  collect,
  proposed,
  rawAppend,
  rawBatchAppend,
  rawClients,
  uniqueStream,
} from './support.js';
import type { Expected } from './support.js';

const store = await openTestStore();
const raw = rawClients(store.connectionString);
const unaryClient = new EventStoreDBClient({ endpoint: addressOf(store.connectionString) }, { insecure: true });
t.teardown(async () => {
  raw.close();
  await unaryClient.dispose();
  await store.close();
});
const { client } = store;
const credentials = { username: 'admin', password: 'changeit' };

type State = 'absent' | 'three events' | 'soft-deleted after three events' | 'metadata only' | 'tombstoned';

async function prepare(state: State): Promise<string> {
  const stream = uniqueStream('expected');
  const three = [0, 1, 2].map((i) => jsonEvent({ type: 'Seeded', data: { i } }));
  if (state === 'three events') await client.appendToStream(stream, three);
  if (state === 'soft-deleted after three events') {
    await client.appendToStream(stream, three);
    await client.deleteStream(stream);
  }
  if (state === 'metadata only') await client.setStreamMetadata(stream, { maxCount: 10 });
  if (state === 'tombstoned') await client.tombstoneStream(stream);
  return stream;
}

type Outcome = { written: bigint } | { wrongExpectedVersion: CurrentRevision } | 'stream deleted';

interface Row {
  expected: AppendExpectedRevision;
  state: State;
  outcome: Outcome;
  rule: string;
}

const rows: Row[] = [
  { expected: ANY, state: 'absent', outcome: { written: 0n }, rule: 'any writes to a new stream' },
  { expected: ANY, state: 'three events', outcome: { written: 3n }, rule: 'any writes after the head' },
  {
    expected: ANY,
    state: 'soft-deleted after three events',
    outcome: { written: 3n },
    rule: 'any recreates a soft-deleted stream, revisions continue',
  },
  { expected: ANY, state: 'metadata only', outcome: { written: 0n }, rule: 'any writes when only metadata exists' },
  {
    expected: NO_STREAM,
    state: 'absent',
    outcome: { written: 0n },
    rule: 'no_stream writes to a never-written stream',
  },
  {
    expected: NO_STREAM,
    state: 'three events',
    outcome: { wrongExpectedVersion: 2n },
    rule: 'no_stream on a stream with events is a conflict',
  },
  {
    expected: NO_STREAM,
    state: 'soft-deleted after three events',
    outcome: { written: 3n },
    rule: 'no_stream recreates a soft-deleted stream',
  },
  {
    expected: STREAM_EXISTS,
    state: 'absent',
    outcome: { wrongExpectedVersion: NO_STREAM },
    rule: 'stream_exists on an absent stream is a conflict',
  },
  {
    expected: STREAM_EXISTS,
    state: 'metadata only',
    outcome: { written: 0n },
    rule: 'stream_exists accepts a stream that only has metadata',
  },
  {
    expected: STREAM_EXISTS,
    state: 'three events',
    outcome: { written: 3n },
    rule: 'stream_exists writes to a stream with events',
  },
  {
    expected: STREAM_EXISTS,
    state: 'soft-deleted after three events',
    outcome: 'stream deleted',
    rule: 'stream_exists on a soft-deleted stream is StreamDeleted',
  },
  { expected: 2n, state: 'three events', outcome: { written: 3n }, rule: 'exact N == current writes' },
  {
    expected: 1n,
    state: 'three events',
    outcome: { wrongExpectedVersion: 2n },
    rule: 'exact N < current with new ids is a conflict',
  },
  {
    expected: 5n,
    state: 'three events',
    outcome: { wrongExpectedVersion: 2n },
    rule: 'exact N > current is a conflict',
  },
  {
    expected: 0n,
    state: 'absent',
    outcome: { wrongExpectedVersion: NO_STREAM },
    rule: 'exact N on an absent stream is a conflict',
  },
  {
    expected: ANY,
    state: 'tombstoned',
    outcome: 'stream deleted',
    rule: 'any on a tombstoned stream is StreamDeleted',
  },
  {
    expected: NO_STREAM,
    state: 'tombstoned',
    outcome: 'stream deleted',
    rule: 'no_stream on a tombstoned stream is StreamDeleted',
  },
  {
    expected: STREAM_EXISTS,
    state: 'tombstoned',
    outcome: 'stream deleted',
    rule: 'stream_exists on a tombstoned stream is StreamDeleted',
  },
  {
    expected: 0n,
    state: 'tombstoned',
    outcome: 'stream deleted',
    rule: 'exact N on a tombstoned stream is StreamDeleted',
  },
];

for (const path of ['BatchAppend', 'unary Append'] as const) {
  for (const row of rows) {
    t.test(`${path}: ${row.rule} (expected ${String(row.expected)}, stream ${row.state})`, async (t) => {
      const stream = await prepare(row.state);
      const event = jsonEvent({ type: 'Probe', data: { row: row.rule } });
      const attempt =
        path === 'BatchAppend'
          ? client.appendToStream(stream, event, { expectedRevision: row.expected })
          : unaryClient.appendToStream(stream, event, { expectedRevision: row.expected, credentials });
      const result: unknown = await attempt.catch((e: unknown) => e);
      const outcome = row.outcome;
      if (outcome === 'stream deleted') {
        t.type(result, StreamDeletedError);
        if (result instanceof StreamDeletedError) t.equal(result.streamName, stream);
      } else if ('written' in outcome) {
        t.notOk(result instanceof Error, `no error (${String(result)})`);
        const events = await collect(client.readStream(stream));
        const last = events.at(-1)?.event;
        t.equal(last?.type, 'Probe', 'the event is readable');
        t.equal(last?.revision, outcome.written, `written at revision ${outcome.written}`);
      } else {
        t.type(result, WrongExpectedVersionError);
        if (result instanceof WrongExpectedVersionError) {
          t.equal(result.streamName, stream);
          t.equal(result.expectedVersion, row.expected);
          t.equal(result.actualVersion, outcome.wrongExpectedVersion);
        }
      }
    });
  }
}

t.test('unary Append answers a conflict in-band with both the current and the deprecated 20.6.0 oneofs', async (t) => {
  const stream = await prepare('three events');
  const cases: { expected: Expected; check: (w: AppendResp.WrongExpectedVersion) => void }[] = [
    {
      expected: 'no_stream',
      check: (w) => {
        t.ok(w.hasExpectedNoStream(), 'expected_no_stream');
        // uint64 without jstype=string: jspb decodes 2^64-1 to the nearest double, 2^64.
        t.ok(w.hasExpectedRevision2060(), 'expected_revision_20_6_0 is set');
        t.equal(w.getExpectedRevision2060(), 2 ** 64, 'expected_revision_20_6_0 = 2^64-1');
      },
    },
    {
      expected: 1n,
      check: (w) => {
        t.equal(w.getExpectedRevision(), '1');
        t.equal(String(w.getExpectedRevision2060()), '1');
      },
    },
  ];
  for (const c of cases) {
    const outcome = await rawAppend(raw.streams, stream, c.expected, [proposed('Probe')]);
    t.notOk(outcome.error, 'not a gRPC error');
    const wev = outcome.response?.getWrongExpectedVersion();
    t.ok(wev, 'wrong_expected_version result');
    if (!wev) continue;
    t.equal(wev.getCurrentRevision(), '2', 'current_revision');
    t.equal(String(wev.getCurrentRevision2060()), '2', 'current_revision_20_6_0');
    c.check(wev);
  }
  const absent = uniqueStream('absent');
  const existsOutcome = await rawAppend(raw.streams, absent, 'stream_exists', [proposed('Probe')]);
  const wev = existsOutcome.response?.getWrongExpectedVersion();
  t.ok(wev?.hasExpectedStreamExists(), 'expected_stream_exists');
  t.ok(wev?.hasStreamExists2060(), 'stream_exists_20_6_0');
  t.ok(wev?.hasCurrentNoStream(), 'current_no_stream');
  t.ok(wev?.hasNoStream2060(), 'no_stream_20_6_0');
});

t.test(
  'unary Append succeeds with the last revision and position, and with no events reports the state unchanged',
  async (t) => {
    const stream = uniqueStream('unary');
    const empty = await rawAppend(raw.streams, stream, 'no_stream', []);
    t.ok(empty.response?.getSuccess()?.hasNoStream(), 'zero events on an absent stream: success with no_stream');
    const written = await rawAppend(raw.streams, stream, 'no_stream', [proposed('A'), proposed('B')]);
    const success = written.response?.getSuccess();
    t.equal(success?.getCurrentRevision(), '1');
    const events = await collect(client.readStream(stream));
    t.equal(success?.getPosition()?.getCommitPosition(), events[1]?.event?.position?.commit.toString());
    t.equal(success?.getPosition()?.getPreparePosition(), events[1]?.event?.position?.prepare.toString());
    const none = await rawAppend(raw.streams, stream, 1n, []);
    t.equal(
      none.response?.getSuccess()?.getCurrentRevision(),
      '1',
      'zero events with a holding expectation: current revision',
    );
    t.equal((await collect(client.readStream(stream))).length, 2, 'nothing was written');
  },
);

t.test('a unary Append whose first message is not options is refused and writes nothing', async (t) => {
  const stream = uniqueStream('order');
  const outcome = await rawAppend(raw.streams, stream, 'any', [proposed('A')], { optionsFirst: false });
  t.ok(outcome.error, 'refused');
  const read = await collect(client.readStream(stream)).catch((e: unknown) => e);
  t.ok(read instanceof Error, 'the stream does not exist');
});

t.test(
  'BatchAppend answers a conflict with a google.rpc.Status whose single Any detail is WrongExpectedVersion',
  async (t) => {
    const stream = await prepare('three events');
    const cases: { expected: Expected; positionCase: number }[] = [
      {
        expected: 'no_stream',
        positionCase: sharedPbModule.WrongExpectedVersion.ExpectedStreamPositionOptionCase.EXPECTED_NO_STREAM,
      },
      {
        expected: 0n,
        positionCase: sharedPbModule.WrongExpectedVersion.ExpectedStreamPositionOptionCase.EXPECTED_STREAM_POSITION,
      },
    ];
    for (const c of cases) {
      const correlationId = randomUUID();
      const { responses } = await rawBatchAppend(
        raw.streams,
        [batchRequest({ correlationId, stream, expected: c.expected, events: [proposed('X')], isFinal: true })],
        1,
      );
      const resp = responses[0];
      t.ok(resp, 'one response');
      if (!resp) continue;
      t.equal(resp.getCorrelationId()?.getString(), correlationId, 'correlation id echoed');
      t.equal(
        Buffer.from(resp.getStreamIdentifier()?.getStreamName() ?? '').toString('utf8'),
        stream,
        'stream identifier set',
      );
      const status = resp.getError();
      t.equal(status?.getCode(), 6, 'ALREADY_EXISTS');
      t.equal(status?.getMessage(), 'WrongExpectedVersion');
      const any = status?.getDetails();
      t.equal(any?.getTypeUrl(), 'type.googleapis.com/event_store.client.WrongExpectedVersion');
      const detail = any?.unpack(
        sharedPbModule.WrongExpectedVersion.deserializeBinary,
        'event_store.client.WrongExpectedVersion',
      );
      t.equal(detail?.getCurrentStreamRevision(), '2');
      t.equal(detail?.getExpectedStreamPositionOptionCase(), c.positionCase);
    }
  },
);
