// Canonical JSON written straight as UTF-8 (src/store/canonical-utf8.ts, ADR 0064) against canonicalJson's text
// made UTF-8 by Buffer, kept here as the definition: the same bytes for every value (Thai, emoji, lone surrogates,
// quotes, backslashes and control characters in keys and strings, short strings and long ones, numbers in exponent
// form and -0, undefined members, dates), the same refusals, and texts larger than the kept buffer.
import t from 'tap';
import fc from 'fast-check';
import { nestedValues } from '../helpers/json-values.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { Utf8Writer } from '../../src/store/canonical-utf8.js';

const definition = (value: unknown): Buffer => Buffer.from(canonicalJson(value), 'utf8');

const writer = new Utf8Writer();
function written(value: unknown): Buffer {
  writer.reset();
  writer.value(value);
  return Buffer.from(writer.bytes(0, writer.at));
}

/** The bytes, or the refusal's message. */
function outcome(write: (value: unknown) => Buffer, input: unknown): string {
  try {
    return write(input).toString('hex');
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

// Code units of every kind, in strings short enough for the byte loop and long enough for Buffer's writer.
const unit = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...'ร่างที่เส้นต้องห้ามé', '😀', '\ud800', '\udc00', '\u0000', '\u001f', '\u007f', '"', '\\', '\u2028'),
);
const text = fc.oneof(
  fc.string({ unit }),
  fc.string({ unit, minLength: 60, maxLength: 200 }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('a'.repeat(65) + '😀', 'ก'.repeat(65), 'x'.repeat(64) + '\ud800', '\udbff\udfff'.repeat(40)),
);
const key = fc.oneof(text, fc.constantFrom('1', '10', '2', 'ก', 'a', 'A', '😀', '"', '\n', 'issueId', 'version'));
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 1e-7, 5e-324, -1.5e300, Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31)),
  text,
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.constant(() => 1),
);
const value = nestedValues(leaf, key);

t.test('the bytes written are canonicalJson made UTF-8, for any value, or refused as it refuses', async (t) => {
  fc.assert(
    fc.property(fc.oneof(value, fc.dictionary(key, value), fc.array(value)), (input) => {
      t.equal(outcome(written, input), outcome(definition, input));
    }),
    { numRuns: 4000 },
  );
});

t.test('the bytes of JSON read back from any text are the same as the definition', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue({ stringUnit: unit }), (input) => {
      const read = JSON.parse(JSON.stringify(input)) as unknown;
      t.ok(written(read).equals(definition(read)));
    }),
    { numRuns: 2000 },
  );
});

t.test('a raw string is written as Buffer writes it as UTF-8, a lone surrogate as U+FFFD', async (t) => {
  fc.assert(
    fc.property(text, (s) => {
      writer.reset();
      writer.raw(s);
      t.ok(Buffer.from(writer.bytes(0, writer.at)).equals(Buffer.from(s, 'utf8')));
    }),
    { numRuns: 2000 },
  );
});

t.test('the members are the object text without its braces, each value where it is said to be', async (t) => {
  fc.assert(
    fc.property(fc.dictionary(key, value), (input) => {
      let whole: string;
      try {
        whole = canonicalJson(input);
      } catch {
        return;
      }
      writer.reset();
      const seen: Array<{ name: string; member: string; value: string }> = [];
      writer.members(input, (name, member, at, end) =>
        seen.push({
          name,
          member: writer.bytes(member, end).toString('utf8'),
          value: writer.bytes(at, end).toString('utf8'),
        }),
      );
      t.equal(`{${writer.bytes(0, writer.at).toString('utf8')}}`, whole);
      t.equal(`{${seen.map((m) => m.member).join(',')}}`, whole);
      for (const m of seen) {
        t.equal(m.member, `${canonicalJson(m.name)}:${m.value}`);
        t.equal(m.value, canonicalJson(input[m.name]));
      }
    }),
    { numRuns: 1000 },
  );
});

t.test('a text larger than the kept buffer is written whole, and the texts after it too', async (t) => {
  const thai = 'ร่างที่ '.repeat(1000);
  for (const big of [
    Array.from({ length: 5000 }, (_, i) => ({ i, thai: thai.slice(0, i % 97), s: 'x'.repeat(i % 130) })),
    { one: 'ก'.repeat(500_000), two: ['😀'.repeat(100_000)] },
    { small: 'ร่างที่ 1' },
  ]) {
    t.ok(written(big).equals(definition(big)));
  }
});

t.test("what the writer refuses it refuses with canonical JSON's error", async (t) => {
  for (const bad of [{ n: Number.NaN }, [Number.POSITIVE_INFINITY], { n: 1n }, { s: Symbol('x') }, undefined]) {
    t.throws(() => written(bad), { code: 'not_canonicalisable' });
    t.equal(outcome(written, bad), outcome(definition, bad));
  }
});
