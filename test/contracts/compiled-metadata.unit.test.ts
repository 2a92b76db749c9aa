import t from 'tap';
import fc from 'fast-check';
import { CompiledEventMetadata, EventMetadata, parseEventMetadata } from '../../contracts/metadata.js';

/** What the compiled schema alone answers, or null when it refuses. */
function quickMetadata(input: Record<string, unknown>): EventMetadata | null {
  const parsed = CompiledEventMetadata.safeParse(input);
  return parsed.success ? parsed.data : null;
}

const usual = {
  actor: { principalId: 'officer-1', agency: 'MFA', role: 'negotiator' },
  occurredAt: '2024-03-01T02:30:00.000Z',
  correlationId: 'c-1',
  causationId: 'c-2',
  schema: 1,
  prev: null,
  hash: 'ab12',
};

const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 8 }),
  fc.constant('x'.repeat(200)),
  fc.constant('x'.repeat(201)),
);
const anyValue = fc.oneof(
  text,
  fc.integer({ min: -2, max: 3 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const actor = fc.oneof(
  fc.record(
    {
      principalId: fc.oneof(text, anyValue),
      agency: fc.constantFrom('MFA', 'OAG', 'mfa', 'XYZ', 1),
      role: fc.constantFrom('negotiator', 'auditor', 'king', null),
    },
    { requiredKeys: [] },
  ),
  fc.record({ principalId: fc.constant('p'), agency: fc.constant('MFA'), role: fc.constant('admin'), extra: anyValue }),
  anyValue,
);
const instant = fc.oneof(
  fc.constantFrom(
    '2024-02-29T23:59:59.999Z',
    '2023-02-29T00:00:00.000Z',
    '2024-03-01T06:30:00+07:00',
    '2024-03-01T00:00:00Z',
    '2024-13-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    'yesterday',
  ),
  fc.date({ min: new Date(-1e13), max: new Date(2.5e14), noInvalidDate: true }).map((d) => d.toISOString()),
  anyValue,
);
const metadata = fc.record(
  {
    actor,
    occurredAt: instant,
    occurredAtDefaulted: fc.oneof(fc.boolean(), anyValue),
    timeZone: fc.constantFrom('Asia/Bangkok', 'Mars/Olympus'),
    correlationId: fc.oneof(text, anyValue),
    causationId: fc.oneof(text, anyValue),
    schema: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(1.5), fc.constant(2 ** 60), anyValue),
    idempotencyKey: text,
    requestHash: text,
    prev: fc.oneof(text, fc.constant(null)),
    hash: text,
    unexpected: anyValue,
  },
  { requiredKeys: [] },
);

const valid = fc.record(
  {
    actor: fc.record({
      principalId: fc.string({ minLength: 1, maxLength: 20 }),
      agency: fc.constantFrom('MFA', 'OAG', 'SOC'),
      role: fc.constantFrom('negotiator', 'auditor', 'admin'),
    }),
    occurredAt: fc
      .date({ min: new Date(-6e13), max: new Date(2.5e14), noInvalidDate: true })
      .map((d) => d.toISOString()),
    occurredAtDefaulted: fc.boolean(),
    schema: fc.integer({ min: 1, max: 5 }),
    idempotencyKey: fc.string({ minLength: 1, maxLength: 20 }),
    requestHash: fc.string({ maxLength: 20 }),
    prev: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
    hash: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: [] },
);

t.test('the usual metadata is parsed by the compiled schema, exactly as the contract parses it', async (t) => {
  const quick = quickMetadata(structuredClone(usual));
  t.not(quick, null);
  t.equal(JSON.stringify(quick), JSON.stringify(EventMetadata.parse(structuredClone(usual))));
});

t.test(
  'whatever the metadata, the compiled schema answers as the contract does or leaves it to the contract',
  async (t) => {
    let quickAnswers = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          metadata,
          metadata.map((m) => ({ ...usual, ...m })),
          valid.map((m) => ({ ...usual, ...m })),
        ),
        (input: Record<string, unknown>) => {
          let expected: string | null;
          try {
            expected = JSON.stringify(EventMetadata.parse(structuredClone(input)));
          } catch {
            expected = null;
          }
          const quick = quickMetadata(structuredClone(input));
          if (quick !== null) {
            quickAnswers += 1;
            if (JSON.stringify(quick) !== expected)
              throw new Error(
                `quick ${JSON.stringify(quick)} != contract ${String(expected)} for ${JSON.stringify(input)}`,
              );
          }
          let parsed: string | null;
          try {
            parsed = JSON.stringify(parseEventMetadata(structuredClone(input)));
          } catch {
            parsed = null;
          }
          if (parsed !== expected)
            throw new Error(`parseEventMetadata ${String(parsed)} != contract ${String(expected)}`);
        },
      ),
      { numRuns: 20_000 },
    );
    t.ok(quickAnswers > 100, `${quickAnswers} answered by the compiled schema`);
  },
);
