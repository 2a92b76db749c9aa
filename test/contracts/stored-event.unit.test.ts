// The one stored-event parser (contracts/stored-event.ts): what the write side and the read side both
// read a stored ledger event with.
import t from 'tap';
import { parseStored } from '../../contracts/index.js';
import { negotiatorMetadata as metadata } from '../helpers/stored-metadata.js';

t.test('a stored event reads back as the event and its metadata', async (t) => {
  const parsed = parseStored({
    type: 'IssueClosed',
    data: { issueId: 'qa', on: '2026-01-15', reason: { th: 'ปิด', en: 'Closed' } },
    metadata,
  });
  t.same(parsed.event, {
    type: 'IssueClosed',
    data: { issueId: 'qa', on: '2026-01-15', reason: { th: 'ปิด', en: 'Closed' } },
  });
  t.same(parsed.metadata, metadata);
});

t.test('an old schema version is upcast by the version its metadata names', async (t) => {
  const parsed = parseStored({
    type: 'MilestoneRecorded',
    data: { processId: 'ahc', milestone: 'signed', date: '2025-10-25' },
    metadata: { ...metadata, schema: 1 },
  });
  t.match(parsed.event, { type: 'MilestoneRecorded', data: { on: '2025-10-25' } });
});

t.test('metadata the contract refuses is a ContractError naming the field', async (t) => {
  t.throws(() => parseStored({ type: 'IssueClosed', data: {}, metadata: { ...metadata, actor: 'nobody' } }), {
    name: 'ContractError',
    code: 'invalid_event_metadata',
    message: /^metadata: actor: /,
  });
});

t.test('data the contract refuses is the contract error of the data', async (t) => {
  t.throws(() => parseStored({ type: 'IssueClosed', data: { issueId: 42 }, metadata }), {
    name: 'ContractError',
    code: 'invalid_event_data',
  });
  t.throws(() => parseStored({ type: 'PositionDeleted', data: {}, metadata }), {
    name: 'ContractError',
    code: 'unknown_event_type',
  });
});
