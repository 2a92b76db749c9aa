import t from 'tap';
import { toStreamEvent, toStreamEvents } from '../../src/application/stream-event.js';
import type { StoredEvent } from '../../src/store/adapter.js';
import { negotiatorMetadata as metadata } from '../helpers/stored-metadata.js';

const stored = (over: Partial<StoredEvent>): StoredEvent => ({
  id: '0422241e-50cc-510c-aaba-98d58767aae5',
  type: 'IssueClosed',
  streamName: 'issue-qa',
  revision: 3n,
  position: { commit: 10n, prepare: 10n },
  recordedAt: new Date('2026-01-15T03:00:00.000Z'),
  data: {},
  metadata: {},
  ...over,
});

t.test(
  'an event whose metadata the contracts do not accept stops the command with an integrity violation naming it',
  async (t) => {
    t.throws(() => toStreamEvent(stored({ metadata: { actor: 'nobody' } })), {
      name: 'IntegrityError',
      code: 'integrity_violation',
      streamName: 'issue-qa',
      revision: 3n,
      eventId: '0422241e-50cc-510c-aaba-98d58767aae5',
      message: /metadata: /,
    });
  },
);

t.test(
  'an event whose data does not parse stops the command with an integrity violation keeping the cause',
  async (t) => {
    t.throws(() => toStreamEvent(stored({ metadata, data: { issueId: 42 } })), {
      name: 'IntegrityError',
      code: 'integrity_violation',
      cause: Error,
    });
  },
);

let made = 0;
/** A fresh stored event at `revision` (a new object, as a read of the store gives). */
const closed = (revision: number): StoredEvent => {
  made += 1;
  return stored({
    id: `event-${made}`,
    revision: BigInt(revision),
    metadata,
    data: { issueId: 'qa', on: '2026-01-15', reason: { th: 'ปิด', en: 'Closed' } },
  });
};

t.test('a stream parsed on from the history kept for a read it continues is what parsing it whole gives', async (t) => {
  const base = [closed(0), closed(1)];
  const whole = (events: StoredEvent[]) => events.map(toStreamEvent);
  t.strictSame(toStreamEvents(base), whole(base), 'read');
  const ours = [...base, closed(2)];
  t.strictSame(toStreamEvents(ours), whole(ours), 'continued with our write');
  const theirs = [...base, closed(2), closed(3)];
  t.strictSame(toStreamEvents(theirs), whole(theirs), 'another branch after the same events');
  const afresh = [closed(0), closed(1), ...theirs.slice(2)];
  t.strictSame(toStreamEvents(afresh), whole(afresh), 'read afresh: new objects for the same revisions');
  const mixed = [base[0] as StoredEvent, closed(1), theirs[2] as StoredEvent];
  t.strictSame(toStreamEvents(mixed), whole(mixed), 'a prefix that is not the kept one');
  t.strictSame(toStreamEvents([]), []);
});

t.test('a read grown at its end is parsed on in place: its history is neither copied nor parsed again', async (t) => {
  const whole = (events: StoredEvent[]) => events.map(toStreamEvent);
  const read = [closed(0), closed(1)];
  const first = toStreamEvents(read);
  read.push(closed(2));
  const grown = toStreamEvents(read);
  t.equal(grown, first, 'the parse kept, extended');
  t.strictSame(grown, whole(read));
  t.equal(toStreamEvents(read), grown, 'read again with nothing new');
  const branch = [...read.slice(0, 2), closed(2)];
  t.strictSame(toStreamEvents(branch), whole(branch), 'another array after the same events');
  t.strictSame(toStreamEvents(read), whole(read), 'the grown read parsed again after the branch');
  read.push(stored({ id: 'bad', revision: 3n, metadata: { actor: 'nobody' } }));
  t.throws(() => toStreamEvents(read), { name: 'IntegrityError', eventId: 'bad' });
  t.strictSame(grown, whole(read.slice(0, 3)), 'an event that does not parse leaves the parse kept as it was');
});

t.test('an event that does not parse stops the command even after a kept history', async (t) => {
  const base = [closed(0)];
  toStreamEvents(base);
  t.throws(() => toStreamEvents([...base, stored({ id: 'bad', revision: 1n, metadata: { actor: 'nobody' } })]), {
    name: 'IntegrityError',
    eventId: 'bad',
  });
});
