// isPlainJson (src/store/plain-json.ts, ADR 0065) says a value is what a JSON round trip gives back: whenever it says
// so, JSON.parse(JSON.stringify(value)) is deep-strictly equal to the value (undefined members, -0, NaN, dates, holes,
// class instances, null prototypes, symbols all answer false), and whatever JSON.parse gives it says so.
import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import fc from 'fast-check';
import { isPlainJson } from '../../src/store/plain-json.js';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

t.test('a value said to be plain JSON is what its JSON round trip gives', async (t) => {
  let plain = 0;
  let not = 0;
  const odd = fc.constantFrom(undefined, -0, Number.NaN, Infinity, new Date(0), () => 1, Symbol('s'), 1n);
  const anything = fc.anything({
    maxDepth: 3,
    values: [fc.jsonValue({ maxDepth: 0 }), odd],
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
  });
  fc.assert(
    fc.property(anything, (value) => {
      if (!isPlainJson(value)) {
        not += 1;
        return;
      }
      plain += 1;
      t.ok(isDeepStrictEqual(roundTrip(value), value), 'the round trip gives it back');
    }),
    { numRuns: 5000 },
  );
  t.ok(plain > 500 && not > 500, `both answers were tried (${plain} plain, ${not} not)`);
});

t.test('what JSON.parse gives is plain JSON', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      t.equal(isPlainJson(roundTrip(value)), true);
    }),
    { numRuns: 2000 },
  );
});

t.test('members and items that JSON would drop, change or refuse make a value not plain', async (t) => {
  for (const value of [
    { a: undefined },
    [1, undefined],
    [1, , 2], // eslint-disable-line no-sparse-arrays -- a hole
    { n: -0 },
    { n: Number.NaN },
    { at: new Date(0) },
    Object.assign(Object.create(null) as object, { a: 1 }),
    { [Symbol('s')]: 1 },
    { f: () => 1 },
  ])
    t.equal(isPlainJson(value), false, JSON.stringify(value) ?? String(value));
});
