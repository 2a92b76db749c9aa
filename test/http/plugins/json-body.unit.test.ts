// The body parser's quick look at the text (ADR 0066): a body whose text holds no escape, no refused key and no
// refused character as it is has nothing the full walk would refuse, whatever its shape and layout.
import t from 'tap';
import fc from 'fast-check';
import { mayHoldRefused, parseJsonBody, refusedIn } from '../../../src/http/plugins/json-body.js';
import { HttpProblem } from '../../../src/http/problem.js';
import { nestedValues } from '../../helpers/json-values.js';

// Pieces of text: plain, Thai, and everything the walk refuses or JSON.stringify escapes, raw (C0 and lone surrogates
// reach the text escaped; C1, DEL and bidi controls as they are).
const piece = fc.constantFrom(
  'a',
  'Title',
  'ก',
  ' ',
  '😀',
  '"',
  '\\',
  '/',
  '\u0000',
  '\t',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud800',
  '\udfff',
  '__proto__',
  'constructor',
);
const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
const key = fc.oneof(text, fc.constantFrom('title', 'summary', '__proto__', 'constructor'));
const leaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
const body = fc.record({ value: nestedValues(leaf, key), indent: fc.constantFrom(undefined, 0, 2, '\t', '\r\n ') });
// JSON.stringify of an object with a `__proto__` key made by fc.dictionary keeps it as an own property.
const textOf = ({ value, indent }: { value: unknown; indent: string | number | undefined }): string =>
  JSON.stringify(value, null, indent);

t.test('a text the quick look passes holds nothing the walk would refuse', async (t) => {
  let passed = 0;
  let walked = 0;
  fc.assert(
    fc.property(body, (b) => {
      const json = textOf(b);
      const { forbidden, text: issues } = refusedIn(JSON.parse(json));
      if (mayHoldRefused(json)) walked += 1;
      else {
        passed += 1;
        return forbidden.length === 0 && issues.length === 0;
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  t.ok(passed > 100 && walked > 100, `both ways taken (${passed} passed at once, ${walked} walked)`);
});

t.test('the parser answers as the full walk would, with or without the quick look', async (t) => {
  fc.assert(
    fc.property(body, (b) => {
      const json = textOf(b);
      const { forbidden, text: issues } = refusedIn(JSON.parse(json));
      let code: string | undefined;
      try {
        parseJsonBody('application/json', Buffer.from(json, 'utf8'));
      } catch (error) {
        code = error instanceof HttpProblem ? error.code : 'other';
      }
      // Lone surrogates do not survive UTF-8: JSON.stringify escapes them, so the bytes stay valid.
      const expected = forbidden.length > 0 ? 'forbidden_json_key' : issues.length > 0 ? 'invalid_text' : undefined;
      return code === expected;
    }),
    { numRuns: 2000 },
  );
  t.pass('every generated body answered as the walk says');
});

t.test('a bidi control or a C1 control as it is, or a refused key, is walked and refused', async (t) => {
  for (const json of ['{"a":"x\u202ey"}', '{"a":"\u009b"}', '{"__proto__":1}', '{"b":{"constructor":{}}}']) {
    t.ok(mayHoldRefused(json), json);
    t.throws(() => parseJsonBody('application/json', Buffer.from(json, 'utf8')), HttpProblem);
  }
  t.notOk(mayHoldRefused('{\n\t"summary": {"th": "ก", "en": "x"}\r\n}'), 'whitespace between tokens is not looked at');
});
