import t from 'tap';
import { z } from 'zod';
import type { Test } from 'tap';
import {
  ContractError,
  LEDGER_EVENT_TYPES,
  eventCatalog,
  parseStoredEvent,
  redactEventData,
  highestClassification,
  currentSchemaVersion,
  sealEvent,
} from '../../contracts/index.js';
import { commitmentOf } from '../../src/store/commitment.js';

const bi = (en: string) => ({ th: `${en} (ไทย)`, en });

function contractError(t: Test, fn: () => unknown, code: string): void {
  try {
    fn();
    t.fail(`expected ${code}`);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    t.equal(error.code, code, error.message);
  }
}

t.test('reads a MilestoneRecorded written at schema v1 as v2', async (t) => {
  const v1 = { processId: 'ahc', milestone: 'signed', date: '2025-10-25', reference: 'C.N.123.2025' };
  t.same(parseStoredEvent('MilestoneRecorded', v1, 1), {
    type: 'MilestoneRecorded',
    data: { processId: 'ahc', milestone: 'signed', on: '2025-10-25', reference: 'C.N.123.2025', uncertain: false },
  });
});

t.test('reads current events as they are', async (t) => {
  const v2 = { processId: 'ahc', milestone: 'text-approved', on: '2024-08-08', uncertain: true };
  t.same(parseStoredEvent('MilestoneRecorded', v2, 2), { type: 'MilestoneRecorded', data: v2 });
  t.equal(currentSchemaVersion('MilestoneRecorded'), 2);
  t.equal(currentSchemaVersion('PositionDrafted'), 1);
});

t.test('refuses a v1 event that was not valid v1', async (t) => {
  contractError(
    t,
    () =>
      parseStoredEvent(
        'MilestoneRecorded',
        { processId: 'ahc', milestone: 'signed', on: '2025-10-25', uncertain: false },
        1,
      ),
    'invalid_event_data',
  );
});

t.test('refuses unknown event types and versions from the future', async (t) => {
  contractError(t, () => parseStoredEvent('PositionDeleted', {}, 1), 'unknown_event_type');
  contractError(t, () => parseStoredEvent('MilestoneRecorded', {}, 3), 'unsupported_schema_version');
  contractError(t, () => parseStoredEvent('MilestoneRecorded', {}, 0), 'unsupported_schema_version');
});

t.test('refuses stored data with unknown fields or wrong types', async (t) => {
  contractError(
    t,
    () => parseStoredEvent('IssueClosed', { issueId: 'scope', on: '2024-12-24', reason: bi('x'), extra: 1 }, 1),
    'invalid_event_data',
  );
  contractError(
    t,
    () => parseStoredEvent('IssueClosed', { issueId: 'scope', on: '24 ธ.ค. 2567', reason: bi('x') }, 1),
    'invalid_event_data',
  );
});

t.test('every event type is in the catalog with a version and the streams it goes to', async (t) => {
  for (const type of LEDGER_EVENT_TYPES) {
    t.ok(eventCatalog[type].version >= 1, type);
    t.ok(eventCatalog[type].streams.length >= 1, type);
    for (let v = 1; v < eventCatalog[type].version; v++)
      t.ok(eventCatalog[type].upcast?.[v], `${type} has an upcaster from v${v}`);
  }
});

t.test('marks red lines, fallbacks and agency view conditions as classified, and nothing else', async (t) => {
  const marked = LEDGER_EVENT_TYPES.filter((type) => eventCatalog[type].classifiedFields.length > 0).map((type) => [
    type,
    eventCatalog[type].classifiedFields,
  ]);
  t.same(marked, [
    ['AgencyViewRecorded', ['conditions']],
    ['PositionDrafted', ['redLines', 'fallbacks']],
  ]);
});

/** Paths of every classified wrapper (`{ level, value }`, with its optional salt) in a schema, found by walking it. */
function wrappedPaths(schema: z.ZodType, prefix = ''): string[] {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return [];
  const keys = Object.keys(inner.shape).sort();
  if (keys.join(',') === 'level,value' || keys.join(',') === 'level,salt,value') return [prefix];
  return Object.entries(inner.shape).flatMap(([key, child]) => wrappedPaths(child, prefix ? `${prefix}.${key}` : key));
}

t.test('every classified wrapper in an event schema is listed in the catalog, so none escapes redaction', async (t) => {
  for (const type of LEDGER_EVENT_TYPES) {
    const schema = eventCatalog[type].schema;
    t.same(wrappedPaths(schema).sort(), [...eventCatalog[type].classifiedFields].sort(), type);
  }
});

t.test('redacts classified fields above the reader clearance, showing the level', async (t) => {
  const data = {
    issueId: 'scope',
    version: 1,
    stance: 'support',
    summary: bi('Support'),
    flexibility: 'low',
    redLines: { level: 'secret', value: [bi('No death penalty cooperation')] },
    fallbacks: { level: 'confidential', value: [bi('Accept a protocol')] },
    allies: [],
    basis: { consultationIds: [], eventIds: [] },
    substantive: true,
  };
  t.same(redactEventData('PositionDrafted', data, 'confidential', commitmentOf), {
    ...data,
    redLines: { level: 'secret', redacted: true },
  });
  t.same(redactEventData('PositionDrafted', data, 'unclassified', commitmentOf), {
    ...data,
    redLines: { level: 'secret', redacted: true },
    fallbacks: { level: 'confidential', redacted: true },
  });
  t.same(redactEventData('PositionDrafted', data, 'top-secret', commitmentOf), data);
  t.same(data.redLines.value.length, 1, 'the original is not changed');
  t.equal(highestClassification('PositionDrafted', data), 'secret');
});

t.test(
  'sealing gives each classified value its own fresh salt, and redaction withholds value and salt but keeps the commitment',
  async (t) => {
    const data = {
      issueId: 'scope',
      version: 1,
      stance: 'support',
      summary: bi('Support'),
      flexibility: 'low',
      redLines: { level: 'secret', value: [bi('No death penalty cooperation')] },
      fallbacks: { level: 'secret', value: [bi('No death penalty cooperation')] },
      allies: [],
      basis: { consultationIds: [], eventIds: [] },
      substantive: true,
    };
    let n = 0;
    const sealed = sealEvent(
      parseStoredEvent('PositionDrafted', data, 1),
      () => `salt-of-the-value-number-${(n += 1)}`,
    );
    t.match(sealed.data, {
      redLines: { salt: 'salt-of-the-value-number-1' },
      fallbacks: { salt: 'salt-of-the-value-number-2' },
    });
    t.same(parseStoredEvent('PositionDrafted', sealed.data, 1), sealed, 'a sealed event is a valid stored event');
    t.same(
      sealEvent(sealed, () => 'another-salt-never-used-here'),
      sealed,
      'a salt once given stays',
    );
    const redacted = redactEventData('PositionDrafted', sealed.data, 'confidential', commitmentOf) as Record<
      string,
      { commitment?: string }
    >;
    t.match(redacted, {
      redLines: { level: 'secret', redacted: true, commitment: /^[0-9a-f]{64}$/ },
      fallbacks: { level: 'secret', redacted: true },
    });
    t.notOk(JSON.stringify(redacted).includes('death penalty'), 'no value');
    t.notOk(JSON.stringify(redacted).includes('salt-of-the-value'), 'no salt');
    t.not(
      redacted['redLines']?.commitment,
      redacted['fallbacks']?.commitment,
      'the same value under two salts: two unrelated commitments',
    );
    t.same(
      redactEventData('PositionDrafted', sealed.data, 'secret', commitmentOf),
      sealed.data,
      'a cleared reader gets value and salt',
    );
  },
);

t.test('leaves events without classified fields untouched', async (t) => {
  const data = { issueId: 'scope', on: '2024-12-24', reason: bi('x') };
  t.equal(redactEventData('IssueClosed', data, 'unclassified', commitmentOf), data);
  t.equal(redactEventData('SomethingElse', data, 'unclassified', commitmentOf), data);
  t.equal(highestClassification('IssueClosed', data), 'unclassified');
});
