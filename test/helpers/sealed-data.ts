// Arbitraries for the property tests of an event's committed form (test/store): text with Thai, an emoji, a lone
// surrogate, NUL and a quote; sealed fields ({ level, value, salt }); near misses and values canonical JSON refuses;
// and stored data nesting all of them, the keys of a sealed field among its object keys.
import fc from 'fast-check';

export const unit = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...'เส้นต้องห้าม', '😀', '\ud800', '\u0000', '"'),
);
export const text = fc.string({ unit });
export const json = fc.jsonValue({ maxDepth: 2, stringUnit: unit });
export const sealed = fc.record({ level: fc.constantFrom('confidential', 'secret'), value: json, salt: text });

/** Values stored redacted or by their commitment, sealed-looking shapes left as they are, and values JSON refuses. */
export const odd = fc.oneof(
  fc.record({ level: fc.constant('secret'), redacted: fc.constant(true), commitment: text }),
  fc.record({ level: fc.constant('secret'), commitment: text }),
  fc.record({ level: fc.constant('secret'), redacted: fc.boolean() }),
  // Near misses: sealed-looking shapes the committed form leaves as they are.
  fc.record({ level: fc.integer(), value: json, salt: text }),
  fc.record({ level: text, value: json, salt: fc.integer() }),
  fc.record({ level: text, value: json, pepper: text }),
  fc.record({ level: text, redacted: fc.constant(true), commitment: fc.integer() }),
  fc.constantFrom(Number.NaN, 1n, new Date(0), () => 1, undefined),
);

/** Data as an event may hold it: JSON, sealed fields and odd values, nested in arrays and objects. */
export const storedData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: json, weight: 4 },
    { arbitrary: sealed, weight: 3 },
    { arbitrary: odd, weight: 1 },
    { arbitrary: tie('array'), weight: 1 },
    { arbitrary: tie('object'), weight: 2 },
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(text, fc.constantFrom('level', 'value', 'salt', 'redLines')), tie('value'), {
    maxKeys: 5,
  }),
})).value;
