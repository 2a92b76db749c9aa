// Event metadata as the adapter writes it: the first event of a stream links to no previous event.
import t from 'tap';
import { EventMetadata } from '../../contracts/metadata.js';

const base = {
  actor: { principalId: 'officer-1', agency: 'MFA', role: 'negotiator' },
  occurredAt: '2021-12-28T03:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schema: 1,
  hash: 'a'.repeat(64),
};

t.test("accepts a stream's first event whose prev is null, as the adapter writes it", async (t) => {
  t.equal(EventMetadata.parse({ ...base, prev: null }).prev, null);
});

t.test('accepts a later event linking to the previous hash, and one with no prev at all', async (t) => {
  t.equal(EventMetadata.parse({ ...base, prev: 'b'.repeat(64) }).prev, 'b'.repeat(64));
  t.equal(EventMetadata.parse(base).prev, undefined);
});

t.test('refuses a prev that is neither a hash nor null', async (t) => {
  t.notOk(EventMetadata.safeParse({ ...base, prev: 42 }).success);
  t.notOk(EventMetadata.safeParse({ ...base, prev: 'x'.repeat(201) }).success);
});

t.test('says whether the writer named the time or it defaulted to when the entry was typed in', async (t) => {
  t.equal(EventMetadata.parse({ ...base, occurredAtDefaulted: true }).occurredAtDefaulted, true);
  t.equal(
    EventMetadata.parse(base).occurredAtDefaulted,
    undefined,
    'absent: the time was given (or written before the flag existed)',
  );
  t.notOk(EventMetadata.safeParse({ ...base, occurredAtDefaulted: 'yes' }).success);
});
