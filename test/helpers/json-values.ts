// Nested values for the property tests of canonical JSON (test/store): the caller's leaves and keys, in arrays of up
// to 6 items and objects of up to 8 keys, nested to a small depth.
import fc from 'fast-check';

export function nestedValues(leaf: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 6 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
  })).value;
}
