// What crosses to the integrity worker (ADR 0047): everything the checks read of a ledger event or a
// checkpoint, and only the position of any other event.
import t from 'tap';
import {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  isCheckpointEvent,
  isLeafEvent,
} from '../../src/integrity/checkpoint-stream.js';
import type { CheckedEvent } from '../../src/read/integrity-check.js';
import { fromWire, toWire } from '../../src/read/integrity-wire.js';

const event = (streamName: string, type: string, n: number): CheckedEvent => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  type,
  streamName,
  revision: BigInt(n),
  position: { commit: BigInt(100 * n), prepare: BigInt(100 * n - 1) },
  data: { issueId: 'x', summary: { th: 'ร่าง', en: 'draft' }, n },
  metadata: { prev: null, hash: `h${n}`, actor: { role: 'negotiator' } },
});

t.test('a ledger event and a checkpoint reach the checks with every field they read', async (t) => {
  const sent = [event('position-a', 'PositionDrafted', 1), event(CHECKPOINT_STREAM, CHECKPOINT_EVENT_TYPE, 2)];
  t.same(fromWire(structuredClone(toWire(sent))), sent);
});

t.test('another event reaches the checks as its position only, and is neither a leaf nor a checkpoint', async (t) => {
  const other = event('$users', 'UserAdded', 3);
  const [received] = fromWire(structuredClone(toWire([event('position-a', 'PositionDrafted', 1), other]).slice(8)));
  t.same(received?.position, other.position);
  t.equal(received?.data, null, 'its data does not cross');
  t.equal(received?.id, '');
  t.notOk(received !== undefined && (isLeafEvent(received) || isCheckpointEvent(received)), 'the checks pass over it');
});
