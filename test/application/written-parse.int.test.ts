// The parse a write gives the event it has just appended (src/application/stream-event.ts `parsedAsWritten`, ADR
// 0065) is the parse of what a read of the store returns: for every stream the demo data writes (every event type it
// has, classified values, Thai text, dates, sources), the own-writes read's parse equals, event by event and with
// nothing extra or missing (deep strict equality), the stored-event parser's answer on the store's whole read.
import { isDeepStrictEqual } from 'node:util';
import { pino } from 'pino';
import t from 'tap';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  LedgerCommand,
  currentSchemaVersion,
  parseStored,
  parseStoredEvent,
  validateEvent,
  type LedgerEvent,
} from '../../contracts/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { toStreamEvents } from '../../src/application/stream-event.js';
import { mfaDesk, officer } from '../../src/seed/demo.js';
import { seedDemo } from '../../src/seed/load.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { keepStreamReads } from '../../src/store/stream-reads-kept.js';
import { openTestStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);

t.test('the events a write takes as parsed are what parsing the store read gives, for all the demo data', async (t) => {
  const written = new Set<string>();
  const recorded: LedgerStore = {
    ...store,
    append: (name, events, options) => {
      written.add(name);
      return store.append(name, events, options);
    },
  };
  const kept = keepStreamReads(recorded);
  const ledger = createLedger({ store: kept, logger: pino({ level: 'silent' }) });
  await seedDemo(ledger);
  // Views as the HTTP bench writes them, with classified conditions and text the schema trims and normalises.
  const consultationId = randomUUID();
  const convene = LedgerCommand.parse({
    type: 'ConveneConsultation',
    consultationId,
    title: { th: 'ประชุมหารือ', en: 'A consultation' },
    heldOn: '2026-11-25',
    convener: 'MFA',
    participants: ['MFA', 'OAG'],
    agenda: ['ahc-scope'],
  });
  await ledger.execute(convene, { principal: mfaDesk, idempotencyKey: randomUUID(), correlationId: randomUUID() });
  for (const stance of ['support', 'support-with-amendments', 'oppose']) {
    const view = LedgerCommand.parse({
      type: 'RecordAgencyView',
      consultationId,
      issueId: 'ahc-scope',
      agency: 'OAG',
      stance,
      summary: { th: '  สนับสนุนโดยมีข้อแก้ไข ', en: 'Supports with amendments' },
      conditions: { level: 'confidential', value: [{ th: 'e\u0301 เงื่อนไข', en: ' a condition ' }] },
    });
    const principal = officer('OAG');
    await ledger.execute(view, { principal, idempotencyKey: randomUUID(), correlationId: randomUUID() });
  }
  let taken = 0;
  let compared = 0;
  const types = new Set<string>();
  for (const name of written) {
    const own = await kept.readStream(name, { ownWrites: true });
    if (own.unconfirmed !== true) continue;
    const parsed = toStreamEvents(own.events);
    const whole = (await store.readStream(name)).events;
    t.equal(parsed.length, whole.length, `${name}: as many events`);
    parsed.forEach((event, i) => {
      const stored = whole[i];
      if (stored === undefined) return;
      compared += 1;
      // Taken as written, not parsed: the parse's data is the kept event's own.
      if (event.event.data === event.stored.data) {
        taken += 1;
        types.add(stored.type);
      }
      const want = parseStored(stored);
      if (!isDeepStrictEqual(event.event, want.event) || !isDeepStrictEqual(event.metadata, want.metadata))
        t.fail(`${name}@${i} (${stored.type}): the parse differs from the store's`, {
          found: event,
          wanted: want,
        });
    });
  }
  t.ok(taken > 50, `events taken as written were compared (${taken} of ${compared})`);
  t.ok(types.size >= 10, `of many types (${[...types].join(', ')})`);
});

t.test('an event the schema validated parses back from its JSON as it is, whatever its text', async (t) => {
  const unit = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.constantFrom(' ', '\u00a0', '\u0301', 'e\u0301', 'ก\u0e4dา', '\u0e33', '😀', '\ud83d', '\t', '\n'),
  );
  const text = fc.string({ unit, maxLength: 20 });
  const bilingual = fc.record({ th: text, en: text });
  const version = currentSchemaVersion('AgencyViewRecorded');
  let valid = 0;
  fc.assert(
    fc.property(bilingual, fc.array(bilingual, { maxLength: 3 }), fc.array(text, { maxLength: 2 }), (s, c, refs) => {
      let validated: LedgerEvent;
      try {
        validated = validateEvent({
          type: 'AgencyViewRecorded',
          data: {
            consultationId: randomUUID(),
            issueId: 'ahc-scope',
            agency: 'OAG',
            stance: 'support',
            summary: s,
            conditions: { level: 'confidential', value: c, salt: 'c2FsdC1vZi1zaXh0ZWVuLWJ5dGVz' },
            domesticLawRefs: refs,
            attestation: 'agency',
          },
        } as LedgerEvent);
      } catch {
        return;
      }
      valid += 1;
      const copy = JSON.parse(JSON.stringify(validated.data)) as unknown;
      t.ok(isDeepStrictEqual(parseStoredEvent('AgencyViewRecorded', copy, version), { ...validated, data: copy }));
    }),
    { numRuns: 2000 },
  );
  t.ok(valid > 500, `valid events were tried (${valid})`);
});
