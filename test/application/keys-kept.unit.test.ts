// A write finds the events its Idempotency-Key wrote through an index kept beside the stream (ADR 0052): it must
// find exactly what a scan of the stream it read finds, in stream order, whichever branch of the stream it continues.
import t from 'tap';
import type { Test } from 'tap';
import { eventsUnderKey } from '../../src/application/keys-kept.js';
import type { StreamEvent } from '../../src/application/stream-event.js';
import type { StoredEvent } from '../../src/store/adapter.js';

let made = 0;
/** An event read at `revision`, written by `principalId` under `key` (none: a write without a key). */
function read(revision: number, principalId: string, key?: string): StreamEvent {
  made += 1;
  const metadata = {
    actor: { principalId, agency: 'MFA', role: 'desk-officer' },
    ...(key === undefined ? {} : { idempotencyKey: key }),
  } as unknown as StreamEvent['metadata'];
  const stored: StoredEvent = {
    id: `event-${made}`,
    type: 'ViewRecorded',
    streamName: 'consultation-1',
    revision: BigInt(revision),
    position: { commit: BigInt(made), prepare: BigInt(made) },
    recordedAt: new Date(0),
    data: {},
    metadata: metadata as unknown as Record<string, unknown>,
  };
  return { eventId: stored.id, event: {} as StreamEvent['event'], metadata, stored };
}

const scan = (history: readonly StreamEvent[], principalId: string, key: string): StreamEvent[] =>
  history.filter((e) => e.metadata.idempotencyKey === key && e.metadata.actor.principalId === principalId);

const WHO = ['desk', 'oag'];
const KEYS = ['k1', 'k2', 'k3'];

function sameAsScan(t: Test, history: readonly StreamEvent[], label: string): void {
  for (const who of WHO)
    for (const key of [...KEYS, 'never-used'])
      t.strictSame(eventsUnderKey(history, who, key), scan(history, who, key), `${label}: ${who} ${key}`);
}

t.test('each write of a growing stream finds what a scan of the whole stream finds', async (t) => {
  const stream: StreamEvent[] = [];
  // Keys used by two principals, a request of two events, writes without a key, a key used again later.
  const writes: Array<[string, string | undefined]> = [
    ['desk', 'k1'],
    ['oag', 'k1'],
    ['desk', undefined],
    ['desk', 'k2'],
    ['desk', 'k2'],
    ['oag', 'k3'],
    ['desk', 'k1'],
  ];
  for (const [who, key] of writes) {
    stream.push(read(stream.length, who, key));
    sameAsScan(t, stream.slice(), `after ${stream.length} events`);
  }
  t.strictSame(
    eventsUnderKey(stream, 'desk', 'k1').map((e) => e.stored.revision),
    [0n, 6n],
    'in stream order',
  );
});

t.test(
  'a write on another branch of the stream (a lost race) does not find the events of the branch it lost',
  async (t) => {
    const base = [read(0, 'desk', 'k1'), read(1, 'oag', 'k2')];
    sameAsScan(t, base, 'base');
    const ours = [...base, read(2, 'desk', 'k3')];
    sameAsScan(t, ours, 'our branch');
    const theirs = [...base, read(2, 'oag', 'k3'), read(3, 'desk', 'k2')];
    sameAsScan(t, theirs, 'the branch the store kept');
    sameAsScan(t, ours, 'our branch again');
    sameAsScan(t, [...theirs, read(4, 'desk', 'k3')], 'the store kept branch, written on');
  },
);

t.test('a stream read afresh (new objects for the same events) finds the same events', async (t) => {
  const first = [read(0, 'desk', 'k1'), read(1, 'desk', 'k2')];
  sameAsScan(t, first, 'kept');
  const again = [read(0, 'desk', 'k1'), read(1, 'desk', 'k2'), read(2, 'desk', 'k1')];
  sameAsScan(t, again, 'read afresh');
});
