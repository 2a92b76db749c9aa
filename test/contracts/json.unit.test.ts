// Structural equality of JSON values (contracts/json.ts), as the deciders and projections compare.
import t from 'tap';
import { sameJson } from '../../contracts/index.js';

t.test('equal values nested in objects and arrays are the same, whatever the key order', async (t) => {
  t.ok(sameJson({ a: [1, { b: 'x', c: null }], d: true }, { d: true, a: [1, { c: null, b: 'x' }] }));
  t.ok(sameJson([], []));
  t.ok(sameJson('x', 'x'));
});

t.test('a property holding undefined counts as absent, as in JSON', async (t) => {
  t.ok(sameJson({ a: 1, b: undefined }, { a: 1 }));
  t.ok(sameJson({ a: 1 }, { a: 1, b: undefined }));
  t.notOk(sameJson({ a: 1, b: null }, { a: 1 }), 'null is a value');
});

t.test('a different value, a missing key, an extra key or another order of items is a change', async (t) => {
  t.notOk(sameJson({ a: 1 }, { a: 2 }));
  t.notOk(sameJson({ a: 1, b: 2 }, { a: 1 }));
  t.notOk(sameJson({ a: 1 }, { a: 1, b: 2 }));
  t.notOk(sameJson([1, 2], [2, 1]));
  t.notOk(sameJson([1], [1, 1]));
});

t.test('an array is never the same as an object, nor null as an object', async (t) => {
  t.notOk(sameJson([], {}));
  t.notOk(sameJson({}, []));
  t.notOk(sameJson({ 0: 'a' }, ['a']));
  t.notOk(sameJson(null, {}));
  t.notOk(sameJson(0, '0'));
});
