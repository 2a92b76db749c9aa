// The shortcut ledger verify takes (src/integrity/event-digests.ts) answers exactly what the slow path
// answers: checkLink over the chain, eventLeafHash(leafRecordOf(...)) for the leaf, for random events
// with classified values, broken links and content that cannot be committed.
import t from 'tap';
import fc from 'fast-check';
import { chainMetadata, checkLink } from '../../src/store/chain.js';
import { leafRecordOf } from '../../src/integrity/checkpoint-stream.js';
import { eventDigests } from '../../src/integrity/event-digests.js';
import { eventLeafHash } from '../../src/integrity/leaf.js';

// Strings of any code units (Thai, emoji, lone surrogates), as the ledger's texts may hold: the leaf and chain
// texts are hashed as UTF-8 built piece by piece (ADR 0060).
const unit = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...'ร่างที่เส้นต้องห้าม', '\ud800', '😀', '\u0000', '"'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const json = fc.jsonValue({ maxDepth: 3, stringUnit: unit }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const sealed = fc.record({ level: fc.constantFrom('confidential', 'secret'), value: json, salt: fc.string() });
const redacted = fc.record({ level: fc.constant('secret'), redacted: fc.constant(true), commitment: fc.string() });
const data = fc.dictionary(
  fc.string({ maxLength: 6 }),
  fc.oneof(
    { arbitrary: json, weight: 8 },
    { arbitrary: sealed, weight: 4 },
    { arbitrary: fc.array(sealed, { maxLength: 2 }), weight: 2 },
    { arbitrary: redacted, weight: 1 },
  ),
  { maxKeys: 5 },
);
const metadata = fc.dictionary(
  fc.string({ maxLength: 6 }).filter((k) => k !== 'hash' && k !== 'prev'),
  json,
  { maxKeys: 4 },
);
const prev = fc.option(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), {
  nil: null,
});

t.test('the digests equal checkLink and the leaf of leafRecordOf, link by link', async (t) => {
  let held = 0;
  fc.assert(
    fc.property(
      data,
      metadata,
      prev,
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: prev, weight: 1 }),
      fc.constantFrom('as written', 'data changed', 'hash removed', 'prev changed'),
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.bigInt({ min: 0n, max: 2n ** 40n }),
      (d, m, linkedTo, otherPrev, damage, type, revision) => {
        const expected = otherPrev === undefined ? linkedTo : otherPrev;
        let meta: Record<string, unknown>;
        try {
          meta = chainMetadata(linkedTo, type, d, m);
        } catch {
          meta = { ...m, hash: 'x' }; // content with no committed form: stored as it is
        }
        let stored: unknown = d;
        if (damage === 'data changed') stored = { ...d, changed: 1 };
        if (damage === 'hash removed') delete meta['hash'];
        if (damage === 'prev changed') meta = { ...meta, prev: 'f'.repeat(64) };
        const event = {
          id: 'e-1',
          type,
          streamName: 'position-x',
          revision,
          data: JSON.parse(JSON.stringify(stored)) as unknown,
          metadata: JSON.parse(JSON.stringify(meta)) as Record<string, unknown>,
        };
        const digests = eventDigests(event, expected);
        const slow = checkLink(expected, event.type, event.data, event.metadata);
        let slowLeaf: Buffer | null;
        try {
          slowLeaf = eventLeafHash(leafRecordOf(event));
        } catch {
          slowLeaf = null;
        }
        const sameLeaf =
          slowLeaf === null ? digests.leaf === null : digests.leaf !== null && digests.leaf.equals(slowLeaf);
        if (slow.ok) held += 1;
        return sameLeaf && JSON.stringify(digests.link) === JSON.stringify(slow);
      },
    ),
    { numRuns: 1000 },
  );
  t.ok(held > 100, `${held} of 1000 events hold their link: the passing path is exercised too`);
});
