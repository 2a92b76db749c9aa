// The monitor's one-pass hashing gives exactly the chain hash and the leaf hash the reference
// functions give, for any event data and metadata (classified values salted or not).
import fc from 'fast-check';
import t from 'tap';
import { eventLeafHash, leafRecordOf } from '../../src/integrity/index.js';
import { eventHashes } from '../../src/read/integrity.js';
import { committedForm, hashOf } from '../../src/store/chain.js';

// Any code units in strings (Thai, emoji, lone surrogates): the texts are hashed as UTF-8 built piece by piece
// (ADR 0060).
const unit = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...'ร่างที่เส้นต้องห้าม', '\ud800', '😀', '\u0000', '"'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const json = fc.jsonValue({ maxDepth: 3, stringUnit: unit });
const sealed = fc.record({
  level: fc.constantFrom('confidential', 'secret'),
  value: json,
  salt: fc.base64String({ minLength: 4, maxLength: 44 }),
});
const data = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(json, sealed), { maxKeys: 6 });
const metadata = fc.record({
  actor: fc.record({ principalId: fc.string(), agency: fc.constantFrom('MFA', 'OAG') }),
  occurredAt: fc.constant('2026-12-06T00:00:00.000Z'),
  schema: fc.integer({ min: 1, max: 3 }),
  prev: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }),
  hash: fc.string({ minLength: 1, maxLength: 64 }),
});

t.test('eventHashes gives the reference chain hash and leaf hash', async (t) => {
  fc.assert(
    fc.property(
      data,
      metadata,
      fc.string({ unit, minLength: 1, maxLength: 20 }),
      fc.nat({ max: 1_000_000 }),
      (d, m, type, revision) => {
        const stored = {
          streamName: `position-${type.length}`,
          revision: BigInt(revision),
          id: 'e-1',
          type,
          data: d,
          metadata: JSON.parse(JSON.stringify(m)) as Record<string, unknown>,
        };
        const hashes = eventHashes(stored);
        return (
          hashes.chain === hashOf(committedForm(stored)) && hashes.leaf.equals(eventLeafHash(leafRecordOf(stored)))
        );
      },
    ),
    { numRuns: 500 },
  );
  t.pass('500 random events agree');
});
