import t from 'tap';
import fc from 'fast-check';
import { ContractError } from '../../contracts/errors.js';
import {
  compiledEventSchema,
  eventCatalog,
  isLedgerEventType,
  parseStoredEvent,
  type LedgerEvent,
} from '../../contracts/events/index.js';

/** What the compiled schema alone answers, or null when it refuses (parseStoredEvent then asks the interpreted one). */
function quickEvent(type: string, data: unknown, schemaVersion: number): LedgerEvent | null {
  if (!isLedgerEventType(type) || schemaVersion !== eventCatalog[type].version) return null;
  const parsed = compiledEventSchema(type).safeParse(data);
  return parsed.success ? ({ type, data: parsed.data } as LedgerEvent) : null;
}

const usualDraft = {
  issueId: 'plastics-treaty',
  version: 3,
  stance: 'support-with-amendments',
  summary: { th: 'ร่างที่ ๓', en: 'draft 3' },
  flexibility: 'medium',
  redLines: { level: 'secret', value: [{ th: 'เส้นต้องห้าม', en: 'a red line' }] },
  fallbacks: { level: 'confidential', value: [] },
  allies: ['ASEAN'],
  basis: { consultationIds: [], eventIds: [] },
  substantive: true,
};
const usualEndorsement = {
  issueId: 'plastics-treaty',
  version: 3,
  authority: 'mfa',
  decisionRef: 'กต 3',
  decidedOn: '2024-02-29',
  effectiveFrom: '2024-03-01',
};

// Values at and around every limit and transform of the schemas: lengths (the contract counts code
// points: an emoji is two UTF-16 units), NFC, surrounding spaces, lone surrogates.
const oddText = fc.constantFrom(
  '',
  ' ',
  '  x  ',
  'e\u0301',
  'é',
  'ก\u0e4dา',
  '\u0e01\u0e33',
  'x'.repeat(300),
  ` ${'x'.repeat(300)} `,
  'x'.repeat(301),
  'x'.repeat(8000),
  'x'.repeat(8001),
  `${'e\u0301'.repeat(300)}`,
  '😀'.repeat(200),
  '😀'.repeat(301),
  '\ud83d',
  ' \ud83d ',
);
const anyValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(1.5, 2 ** 60, Number.NaN),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const text = fc.oneof(fc.string({ maxLength: 12 }), oddText, anyValue);
const bilingual = fc.oneof(
  fc.record({ th: text, en: text }),
  fc.record({ th: text, en: text, extra: anyValue }),
  fc.record({ th: text, en: text }, { requiredKeys: [] }),
  anyValue,
);
const slug = fc.oneof(
  fc.constantFrom('a', 'plastics-treaty', 'a--b', 'A', '-a', 'a-', 'x'.repeat(80), 'x'.repeat(81), ''),
  fc.stringMatching(/^[a-z0-9-]{0,12}$/),
  anyValue,
);
const version = fc.oneof(fc.integer({ min: -1, max: 60 }), anyValue);
const isoDate = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2023-02-29',
    '2000-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-04-31',
    '2024-1-01',
    'yesterday',
  ),
  fc
    .date({ min: new Date(-6e13), max: new Date(2.5e14), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  anyValue,
);
const uuid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000'),
  anyValue,
);
const level = fc.oneof(fc.constantFrom('unclassified', 'confidential', 'secret', 'top-secret', 'SECRET'), anyValue);
const points = fc.oneof(
  fc.record({
    level,
    value: fc.oneof(
      fc.array(bilingual, { maxLength: 3 }),
      fc.constant(Array.from({ length: 51 }, () => ({ th: 'ก', en: 'a' }))),
    ),
  }),
  fc.record({ level, value: fc.constant([]), other: anyValue }),
  anyValue,
);
const ids = fc.oneof(fc.array(uuid, { maxLength: 3 }), anyValue);
const basis = fc.oneof(
  fc.record(
    { consultationIds: ids, eventIds: ids, note: bilingual },
    { requiredKeys: ['consultationIds', 'eventIds'] },
  ),
  fc.record({ consultationIds: ids, eventIds: ids, extra: anyValue }),
  anyValue,
);
const choice = (values: string[]) => fc.oneof(fc.constantFrom(...values), anyValue);

const generated = {
  PositionDrafted: fc.record(
    {
      issueId: slug,
      version,
      stance: choice(['support', 'support-with-amendments', 'oppose', 'propose-own-text', 'Support']),
      summary: bilingual,
      rationale: bilingual,
      flexibility: choice(['none', 'low', 'medium', 'high', 'very']),
      redLines: points,
      fallbacks: points,
      allies: fc.oneof(fc.array(text, { maxLength: 3 }), fc.constant(Array.from({ length: 101 }, () => 'ASEAN'))),
      basis,
      substantive: fc.oneof(fc.boolean(), anyValue),
      previousVersion: version,
      unexpected: anyValue,
    },
    { requiredKeys: [] },
  ),
  PositionEndorsed: fc.record(
    {
      issueId: slug,
      version,
      authority: choice(['interagency', 'mfa', 'cabinet', 'king']),
      decisionRef: text,
      decidedOn: isoDate,
      effectiveFrom: isoDate,
      unexpected: anyValue,
    },
    { requiredKeys: [] },
  ),
  PositionWithdrawn: fc.record(
    {
      issueId: slug,
      version,
      wasInForce: fc.oneof(fc.boolean(), anyValue),
      reason: bilingual,
      decisionRef: text,
      effectiveFrom: isoDate,
      unexpected: anyValue,
    },
    { requiredKeys: [] },
  ),
  StatementDelivered: fc.record(
    {
      issueId: slug,
      sessionId: slug,
      deliveredOn: isoDate,
      version,
      summary: bilingual,
      deliveredBy: text,
      unexpected: anyValue,
    },
    { requiredKeys: [] },
  ),
  PositionOutcomeRecorded: fc.record(
    {
      issueId: slug,
      result: choice(['reflected', 'partly-reflected', 'not-reflected', 'won']),
      article: text,
      textRef: text,
      note: bilingual,
      unexpected: anyValue,
    },
    { requiredKeys: [] },
  ),
};

// Valid inputs per type (text with spaces to trim, decomposed accents, emoji near the limits), and the
// same with one field replaced by a generated one, so that many inputs are valid or nearly so.
const goodText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('  x  ', 'e\u0301', 'ก\u0e4dา', '😀'.repeat(200), ` ${'x'.repeat(300)} `),
);
const goodBilingual = fc.record({ th: goodText, en: goodText });
const goodSlug = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/);
const goodDate = fc
  .date({ min: new Date(-6e13), max: new Date(2.5e14), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const goodVersion = fc.integer({ min: 1, max: 60 });
const valid = {
  PositionEndorsed: fc.record({
    issueId: goodSlug,
    version: goodVersion,
    authority: fc.constantFrom('interagency', 'mfa', 'cabinet'),
    decisionRef: goodText,
    decidedOn: goodDate,
    effectiveFrom: goodDate,
  }),
  PositionWithdrawn: fc.record(
    {
      issueId: goodSlug,
      version: goodVersion,
      wasInForce: fc.boolean(),
      reason: goodBilingual,
      decisionRef: goodText,
      effectiveFrom: goodDate,
    },
    { requiredKeys: ['issueId', 'version', 'wasInForce', 'reason', 'effectiveFrom'] },
  ),
  StatementDelivered: fc.record(
    {
      issueId: goodSlug,
      sessionId: goodSlug,
      deliveredOn: goodDate,
      version: goodVersion,
      summary: goodBilingual,
      deliveredBy: goodText,
    },
    { requiredKeys: ['issueId', 'sessionId', 'deliveredOn', 'summary'] },
  ),
  PositionOutcomeRecorded: fc.record(
    {
      issueId: goodSlug,
      result: fc.constantFrom('reflected', 'partly-reflected', 'not-reflected'),
      article: goodText,
      textRef: goodText,
      note: goodBilingual,
    },
    { requiredKeys: ['issueId', 'result'] },
  ),
};
const withOneReplaced = (base: fc.Arbitrary<Record<string, unknown>>, other: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(base, other, fc.nat()).map(([v, g, n]) => {
    const keys = Object.keys(g);
    const k = keys[n % Math.max(keys.length, 1)];
    return k === undefined ? v : { ...v, [k]: g[k] };
  });

// Valid draft bases with some fields replaced.
const validDraft = fc.record({
  issueId: fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/),
  version: fc.integer({ min: 1, max: 60 }),
  summary: fc.record({
    th: fc.string({ minLength: 1, maxLength: 20 }),
    en: fc.string({ minLength: 1, maxLength: 20 }),
  }),
  allies: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 4 }),
  basis: fc.record({
    consultationIds: fc.array(fc.uuid(), { maxLength: 2 }),
    eventIds: fc.array(fc.uuid(), { maxLength: 2 }),
  }),
  substantive: fc.boolean(),
});

/** The interpreted contract schema's answer (what parseStoredEvent gave before it compiled its schemas). */
function contract(type: string, data: unknown): string | null {
  try {
    if (isLedgerEventType(type) && eventCatalog[type].version === 1)
      return JSON.stringify({ type, data: eventCatalog[type].schema.parse(structuredClone(data)) });
    return JSON.stringify(parseStoredEvent(type, structuredClone(data), 1));
  } catch {
    return null;
  }
}

t.test(
  'the usual position events are parsed by the compiled schema, exactly as the contract parses them',
  async (t) => {
    for (const [type, data] of [
      ['PositionDrafted', usualDraft],
      [
        'PositionDrafted',
        {
          ...usualDraft,
          rationale: { th: ' เหตุผล ', en: 'why\u0301' },
          previousVersion: 2,
          basis: {
            consultationIds: ['6F9619FF-8B86-4011-B42D-00C04FC964FF'],
            eventIds: [],
            note: { th: 'ก', en: 'n' },
          },
        },
      ],
      ['PositionEndorsed', usualEndorsement],
    ] as const) {
      const quick = quickEvent(type, structuredClone(data), 1);
      t.not(quick, null, type);
      t.equal(JSON.stringify(quick), contract(type, data), type);
    }
  },
);

t.test('text comes out NFC-normalised and trimmed, as the contract gives it', async (t) => {
  const quick = quickEvent('PositionEndorsed', { ...usualEndorsement, decisionRef: '  Cafe\u0301 ' }, 1);
  t.same(quick?.data, { ...usualEndorsement, decisionRef: 'Café' });
});

t.test(
  'the compiled schema refuses invalid data, and an older schema version is still upcast by the contract',
  async (t) => {
    t.notOk(compiledEventSchema('IssueRegistered').safeParse({}).success);
    t.notOk(compiledEventSchema('PositionDrafted').safeParse({ ...usualDraft, stance: 'maybe' }).success);
    const upcast = parseStoredEvent(
      'MilestoneRecorded',
      { processId: 'ahc', milestone: 'signed', date: '2025-10-25', reference: 'C.N.1' },
      1,
    );
    t.same(upcast.data, {
      processId: 'ahc',
      milestone: 'signed',
      on: '2025-10-25',
      reference: 'C.N.1',
      uncertain: false,
    });
  },
);

t.test('bad event data is still refused with the contract error', async (t) => {
  const thrown = (() => {
    try {
      parseStoredEvent('PositionEndorsed', { ...usualEndorsement, decidedOn: '2023-02-29' }, 1);
    } catch (error) {
      return error;
    }
    return null;
  })();
  t.type(thrown, ContractError);
  t.equal((thrown as ContractError).code, 'invalid_event_data');
});

t.test(
  'whatever the event data, the compiled schema answers as the contract does or leaves it to the contract',
  async (t) => {
    const cases = fc.oneof(
      ...Object.entries(generated).map(([type, data]) => fc.tuple(fc.constant(type), data)),
      fc.tuple(
        fc.constant('PositionDrafted'),
        generated.PositionDrafted.map((d) => ({ ...usualDraft, ...d })),
      ),
      fc.tuple(
        fc.constant('PositionDrafted'),
        validDraft.map((d) => ({ ...usualDraft, ...d })),
      ),
      fc.tuple(
        fc.constant('PositionDrafted'),
        fc.tuple(validDraft, generated.PositionDrafted).map(([v, d]) => ({ ...usualDraft, ...v, ...d })),
      ),
      fc.tuple(
        fc.constant('PositionEndorsed'),
        generated.PositionEndorsed.map((d) => ({ ...usualEndorsement, ...d })),
      ),
      ...Object.entries(valid).flatMap(([type, data]) => [
        fc.tuple(fc.constant(type), data),
        fc.tuple(fc.constant(type), withOneReplaced(data, generated[type as keyof typeof valid])),
      ]),
      fc.tuple(
        fc.constant('PositionWithdrawn'),
        generated.PositionWithdrawn.map((d) => ({
          issueId: 'a',
          version: 2,
          wasInForce: false,
          reason: { th: 'ก', en: 'r' },
          effectiveFrom: '2024-01-31',
          ...d,
        })),
      ),
      fc.tuple(
        fc.constant('StatementDelivered'),
        generated.StatementDelivered.map((d) => ({
          issueId: 'a',
          sessionId: 's-1',
          deliveredOn: '2024-01-31',
          summary: { th: 'ก', en: 's' },
          ...d,
        })),
      ),
      fc.tuple(
        fc.constant('PositionOutcomeRecorded'),
        generated.PositionOutcomeRecorded.map((d) => ({ issueId: 'a', result: 'partly-reflected', ...d })),
      ),
    );
    const answered: Record<string, number> = {};
    fc.assert(
      fc.property(cases, ([type, data]) => {
        const expected = contract(type, data);
        const quick = quickEvent(type, structuredClone(data), 1);
        if (quick !== null) {
          answered[type] = (answered[type] ?? 0) + 1;
          const got = JSON.stringify(quick);
          if (got !== expected)
            throw new Error(`quick ${got} != contract ${String(expected)} for ${JSON.stringify(data)}`);
        }
        let parsed: string | null;
        try {
          parsed = JSON.stringify(parseStoredEvent(type, structuredClone(data), 1));
        } catch {
          parsed = null;
        }
        if (parsed !== expected) throw new Error(`parseStoredEvent ${String(parsed)} != contract ${String(expected)}`);
      }),
      { numRuns: 30_000 },
    );
    for (const type of Object.keys(generated))
      t.ok((answered[type] ?? 0) > 50, `${type}: ${answered[type] ?? 0} answered by the compiled schema`);
  },
);
