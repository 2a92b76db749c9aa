// The integrity checks' canonical JSON (src/integrity/canonical-text.ts, ADR 0050) writes exactly the text
// canonicalJson writes: strings quoted as they are only when JSON.stringify would write them so, keys in the
// order a sort gives even when an earlier object with the same keys taught it that order.
import t from 'tap';
import fc from 'fast-check';
import { canonicalJson, canonicalMembers } from '../../src/store/canonical-json.js';
import { canonicalMemberTexts, canonicalText } from '../../src/integrity/canonical-text.js';

// Keys in any order, Thai and astral characters, lone surrogates, quotes, backslashes and control
// characters, numbers that print in exponent form, -0, undefined members, dates and functions.
const key = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('1', '10', '2', 'ก', 'a', 'A', '😀', '"', '\\', '\n', '\u2028', '\ud800', 'issueId', 'version'),
);
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('ร่างที่ 1', 'a "quoted" word', 'back\\slash', 'tab\there', '\u001f', '\udc00x', '😀', '\u2029'),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.constant(() => 1),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
}));

function outcome(canonical: (value: unknown) => string, input: unknown): string {
  try {
    return canonical(input);
  } catch {
    return 'refused';
  }
}

t.test('the checks write the same canonical text as canonicalJson for any value, or refuse it as well', async (t) => {
  fc.assert(
    fc.property(fc.oneof(fc.dictionary(key, value), fc.array(value)), (input) => {
      t.equal(outcome(canonicalText, input), outcome(canonicalJson, input));
    }),
    { numRuns: 3000 },
  );
});

t.test('objects with the same keys in different orders each get the sorted text', async (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(key, { minLength: 2, maxLength: 6 }),
      fc.array(fc.nat(), { minLength: 6 }),
      (keys, picks) => {
        // The same keys in two orders, one after the other: what the first taught must not misorder the second.
        const reversed = [...keys].reverse();
        const rotated = [...keys.slice(1), keys[0] as string];
        for (const order of [keys, reversed, rotated, keys]) {
          const object = Object.fromEntries(order.map((k, i) => [k, picks[i] ?? i]));
          t.equal(canonicalText(object), canonicalJson(object));
          t.same(canonicalMemberTexts(object), canonicalMembers(object));
        }
      },
    ),
    { numRuns: 1000 },
  );
});

t.test('the checks refuse what canonicalJson refuses', async (t) => {
  for (const bad of [{ n: Number.NaN }, [Number.POSITIVE_INFINITY], { n: 1n }, { s: Symbol('x') }, undefined]) {
    t.throws(() => canonicalText(bad), { code: 'not_canonicalisable' });
  }
});
