// Stored data's committed form written as canonical UTF-8 in one walk (src/store/committed-utf8.ts, ADR 0064)
// against its definition, kept here: Buffer.from(canonicalJson(committedData(data, 'stored'))). The same bytes for
// any data with sealed fields (nested, in arrays, with values of any kind), and a refusal wherever the definition
// refuses (a value stored redacted, or given only by its commitment, or legacy-redacted; a value canonical JSON
// refuses), never where it does not.
import t from 'tap';
import fc from 'fast-check';
import { json, sealed, storedData as value, text } from '../helpers/sealed-data.js';
import { NotCanonicalisableError, canonicalJson } from '../../src/store/canonical-json.js';
import { Utf8Writer } from '../../src/store/canonical-utf8.js';
import { NotPlainDataError, writeCommitted } from '../../src/store/committed-utf8.js';
import { UncommittableError, committedData } from '../../src/store/commitment.js';

const writer = new Utf8Writer();

type Outcome = { bytes: string } | { refused: 'uncommittable' | 'not canonical' | 'not plain' };

function outcome(write: () => Buffer): Outcome {
  try {
    return { bytes: write().toString('hex') };
  } catch (error) {
    if (error instanceof UncommittableError) return { refused: 'uncommittable' };
    if (error instanceof NotCanonicalisableError) return { refused: 'not canonical' };
    if (error instanceof NotPlainDataError) return { refused: 'not plain' };
    throw error;
  }
}
const definition = (data: unknown): Outcome =>
  outcome(() => Buffer.from(canonicalJson(committedData(data, 'stored')), 'utf8'));
const written = (data: unknown): Outcome =>
  outcome(() => {
    writer.reset();
    writeCommitted(writer, data);
    return Buffer.from(writer.bytes(0, writer.at));
  });

t.test('the committed bytes equal the definition, or both refuse', async (t) => {
  let refused = 0;
  fc.assert(
    fc.property(value, (data) => {
      const want = definition(data);
      const got = written(data);
      if ('bytes' in want) t.same(got, want);
      else {
        refused += 1;
        t.ok('refused' in got, 'refused as the definition refuses');
        if ('refused' in got && got.refused === 'uncommittable') t.equal(want.refused, 'uncommittable');
      }
    }),
    { numRuns: 4000 },
  );
  t.ok(refused > 100, `refusals were tried (${refused})`);
});

t.test('data read back from a store (JSON) with sealed fields is written, never refused as not plain', async (t) => {
  fc.assert(
    fc.property(fc.dictionary(text, fc.oneof(json, sealed, fc.array(sealed, { maxLength: 2 }))), (data) => {
      const read = JSON.parse(JSON.stringify(data)) as unknown;
      t.same(written(read), definition(read));
    }),
    { numRuns: 2000 },
  );
});

t.test('an object that is not plain is left to the slow path', async (t) => {
  class Shape {
    level = 'secret';
    value = 1;
    salt = 's';
  }
  t.same(written(new Shape()), { refused: 'not plain' });
  t.same(written({ at: new Date(0) }), definition({ at: new Date(0) }));
});
