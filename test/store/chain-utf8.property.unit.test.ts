// An event's chain hash from its text written as UTF-8 bytes (src/store/chain-utf8.ts, ADR 0065) against the
// definition kept in chain.ts: hashOf(committedForm(event)), the canonical JSON string of the committed form. The same
// bytes and the same hash for any type, data (sealed fields, odd shapes) and metadata (with or without `prev` and
// `hash`, undefined members, nested values), and where the definition refuses, chainHash refuses with its error.
import t from 'tap';
import fc from 'fast-check';
import { json, odd, sealed, storedData as value, text } from '../helpers/sealed-data.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import {
  chainHash,
  chainMetadata,
  checkLink,
  committedForm,
  hashOf,
  type EventContent,
} from '../../src/store/chain.js';
import { chainText } from '../../src/store/chain-utf8.js';

type Outcome = { value: string } | { refused: string };

function outcome(make: () => string): Outcome {
  try {
    return { value: make() };
  } catch (error) {
    return { refused: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const metadata = fc
  .tuple(
    fc.dictionary(fc.oneof(text, fc.constantFrom('actor', 'schema', 'occurredAt')), fc.oneof(json, odd), {
      maxKeys: 6,
    }),
    fc.option(fc.oneof(hex64, fc.constant(null), fc.constant(undefined)), { nil: 'absent' as const }),
    fc.option(fc.oneof(hex64, fc.constant(undefined)), { nil: 'absent' as const }),
  )
  .map(([members, prev, hash]) => ({
    ...members,
    ...(prev === 'absent' ? {} : { prev }),
    ...(hash === 'absent' ? {} : { hash }),
  }));
const event: fc.Arbitrary<EventContent> = fc.record({
  type: fc.oneof(text, fc.constantFrom('AgencyViewRecorded', 'IdempotencyKeyClaimed')),
  data: value,
  metadata,
});

t.test('the chain hash equals hashOf(committedForm(event)), or both refuse with one error', async (t) => {
  let refused = 0;
  let written = 0;
  fc.assert(
    fc.property(event, (e) => {
      const want = outcome(() => hashOf(committedForm(e)));
      if ('refused' in want) refused += 1;
      t.same(
        outcome(() => chainHash(e)),
        want,
      );
      const bytes = outcome(() => chainText(e).toString('hex'));
      if ('value' in bytes) {
        written += 1;
        t.same(
          bytes,
          outcome(() => Buffer.from(canonicalJson(committedForm(e)), 'utf8').toString('hex')),
        );
      }
    }),
    { numRuns: 4000 },
  );
  t.ok(refused > 100, `refusals were tried (${refused})`);
  t.ok(written > 2000, `texts were written as bytes (${written})`);
});

t.test('a ledger-shaped event read back from the store is written as bytes, not left to the definition', async (t) => {
  fc.assert(
    fc.property(fc.dictionary(text, fc.oneof(json, sealed, fc.array(sealed, { maxLength: 2 }))), text, (data, who) => {
      const linked = chainMetadata('a'.repeat(64), 'AgencyViewRecorded', data, { actor: { principalId: who } });
      const read = JSON.parse(JSON.stringify({ type: 'AgencyViewRecorded', data, metadata: linked })) as EventContent;
      t.equal(chainText(read).toString('hex'), Buffer.from(canonicalJson(committedForm(read)), 'utf8').toString('hex'));
      t.same(checkLink('a'.repeat(64), read.type, read.data, read.metadata), { ok: true });
    }),
    { numRuns: 1000 },
  );
});
