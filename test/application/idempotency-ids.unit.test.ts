// Event ids and request-derived ids are frozen (ADR 0006): a retry sent across a release must name the same ids, so
// the way they are computed may change only if every id stays what it was.
import t from 'tap';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { EVENT_ID_NAMESPACE, deterministicId, eventIdFor } from '../../src/application/idempotency.js';

t.test('a retry across this release gets the event ids the first request got', async (t) => {
  t.equal(
    eventIdFor('mfa-desk-1', 'คีย์-1', 'consultation-x', 'a'.repeat(64), 0),
    '79e73a00-6d4f-5611-93c2-abcf7342d4ce',
  );
  t.equal(deterministicId('mfa-desk-1', 'k', 'idempotency-key-claim'), '22222ba1-d87f-5b4f-9c88-751db1d73b78');
});

t.test(
  'every id is the uuid v5 of its name as text, whatever the characters in key, principal or stream',
  async (t) => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        fc.nat(20),
        (principal, key, stream, index) => {
          const hash = 'f'.repeat(64);
          t.equal(
            eventIdFor(principal, key, stream, hash, index),
            uuidv5(JSON.stringify([principal, key, stream, hash, index]), EVENT_ID_NAMESPACE),
          );
          t.equal(
            deterministicId(principal, key, stream),
            uuidv5(JSON.stringify([principal, key, stream]), EVENT_ID_NAMESPACE),
          );
        },
      ),
      { numRuns: 300 },
    );
  },
);
