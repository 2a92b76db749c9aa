// If-Match and Idempotency-Key as the write routes read them.
import t from 'tap';
import { etagOf, IdempotencyKey, parseIfMatch, parseOccurredAt } from '../../src/http/routes/writes/headers.js';

t.test('an ETag is the quoted stream revision and If-Match reads it back', async (t) => {
  t.equal(etagOf(7n), '"7"');
  t.equal(parseIfMatch('"7"'), 7n);
  t.equal(parseIfMatch(' "0" '), 0n);
  t.equal(parseIfMatch(etagOf(123456789012345678n)), 123456789012345678n);
});

t.test('If-Match refuses what is not one strong ETag of a revision', async (t) => {
  for (const value of ['7', 'W/"7"', '*', '"7", "8"', '"-1"', '"007"', '"abc"', '""']) {
    t.throws(() => parseIfMatch(value), { name: 'HttpProblem', code: 'invalid_if_match', status: 400 }, value);
  }
});

t.test(
  'an Idempotency-Key is a short token: UUIDs and similar pass, spaces and control characters do not',
  async (t) => {
    t.ok(IdempotencyKey.safeParse('0b6f8c1e-7d3a-4c55-9a0e-2f1d8b7c6a54').success);
    t.ok(IdempotencyKey.safeParse('import:2021-12-28:view/OAG').success);
    for (const bad of ['', 'has space', 'tab\tkey', 'k'.repeat(201), 'ไทย']) {
      t.notOk(IdempotencyKey.safeParse(bad).success, JSON.stringify(bad));
    }
  },
);

t.test(
  'Occurred-At reads an ISO instant, an ISO date and a percent-encoded Thai date as the start of that Bangkok day',
  async (t) => {
    t.equal(parseOccurredAt('2022-01-15T10:00:00+07:00'), '2022-01-15T03:00:00.000Z');
    t.equal(parseOccurredAt('2022-01-15'), '2022-01-14T17:00:00.000Z');
    t.equal(parseOccurredAt(encodeURIComponent('๑๕ มกราคม ๒๕๖๕')), '2022-01-14T17:00:00.000Z');
  },
);

t.test('Occurred-At refuses what is not a date, naming the problem', async (t) => {
  for (const value of ['yesterday', '2022-02-30', '%E0%B8', encodeURIComponent('๓๒ มกราคม ๒๕๖๕')]) {
    t.throws(
      () => parseOccurredAt(value),
      { name: 'HttpProblem', code: 'invalid_occurred_at', status: 400, detail: /Occurred-At/ },
      value,
    );
  }
});
