// The loop form of canonicalJson (ADR 0047, ADR 0050) against the map/filter/sort form it replaced, kept here
// as the definition: the same text for every value the ledger hashes, and the same refusals; strings quoted
// as they are only when JSON.stringify would write them so, keys in the order a sort gives even when an
// earlier object with the same keys taught it that order.
import t from 'tap';
import fc from 'fast-check';
import { nestedValues } from '../helpers/json-values.js';
import { canonicalJson } from '../../src/store/canonical-json.js';

function definition(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : definition(item))).join(',')}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value)
        .filter(([, v]) => v !== undefined && typeof v !== 'function')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${definition(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`Cannot put a ${typeof value} into JSON`);
  }
}

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
const value = nestedValues(leaf, key);

/** The text, or that the value was refused (a function in an array, say). */
function outcome(canonical: (value: unknown) => string, input: unknown): string {
  try {
    return canonical(input);
  } catch {
    return 'refused';
  }
}

t.test('canonical JSON gives the same text as its definition for any value, or refuses it as well', async (t) => {
  fc.assert(
    fc.property(fc.oneof(fc.dictionary(key, value), fc.array(value)), (input) => {
      t.equal(outcome(canonicalJson, input), outcome(definition, input));
    }),
    { numRuns: 3000 },
  );
});

t.test('canonical JSON gives the same text for JSON read back from any text', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue(), (input) => {
      const read = JSON.parse(JSON.stringify(input)) as unknown;
      t.equal(canonicalJson(read), definition(read));
    }),
    { numRuns: 2000 },
  );
});

t.test('objects with the same keys in different orders each get the sorted text', async (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(key, { minLength: 2, maxLength: 6 }),
      fc.array(fc.nat(), { minLength: 6 }),
      (keys, picks) => {
        // The same keys in several orders, one after the other: what one taught must not misorder the next.
        const reversed = [...keys].reverse();
        const rotated = [...keys.slice(1), keys[0] as string];
        for (const order of [keys, reversed, rotated, keys]) {
          const object = Object.fromEntries(order.map((k, i) => [k, picks[i] ?? i]));
          t.equal(canonicalJson(object), definition(object));
        }
      },
    ),
    { numRuns: 1000 },
  );
});

t.test('canonical JSON refuses what its definition refuses', async (t) => {
  for (const bad of [{ n: Number.NaN }, [Number.POSITIVE_INFINITY], { n: 1n }, { s: Symbol('x') }, undefined]) {
    t.throws(() => definition(bad));
    t.throws(() => canonicalJson(bad), { code: 'not_canonicalisable' });
  }
});

t.test('many key lists sharing a first key and a length each get the sorted text, kept or not', async (t) => {
  fc.assert(
    fc.property(fc.uniqueArray(key, { minLength: 4, maxLength: 8 }), fc.nat(), (tail, seed) => {
      // Up to 40 lists led by one key, of one length, differing only further on: more than are kept per shape.
      for (let n = 0; n < 40; n += 1) {
        const rest = tail.map((k, i) => `${k}${(n + seed + i) % 7}`);
        const object = Object.fromEntries(['zz-first', ...rest].map((k, i) => [k, i]));
        t.equal(canonicalJson(object), definition(object));
      }
    }),
    { numRuns: 100 },
  );
});
