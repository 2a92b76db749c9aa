// The log reads an event's data and metadata back as one blob split in two (event-log.ts, ADR 0058): whatever
// bytes were written (NULs, invalid UTF-8, either or both empty), every read gives back exactly those bytes.
import t from 'tap';
import fc from 'fast-check';
import { openDatabase } from '../../../src/embedded/storage/database.js';
import { createEventLog } from '../../../src/embedded/storage/event-log.js';

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.constant(new Uint8Array(0)),
  fc.constant(Uint8Array.from([0, 0, 0xff, 0xc3, 0x28])),
  fc.string({ unit: 'grapheme', maxLength: 100 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
);

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

t.test('every read gives back the data and metadata bytes as written', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(bytes, bytes, fc.boolean()), { minLength: 1, maxLength: 12 }), (events) => {
      const { db, close } = openDatabase({ memory: true });
      try {
        const log = createEventLog(db);
        const written = events.map(([data, metadata, isJson], revision) => ({
          position: log.insert({
            stream: 's',
            revision,
            id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
            type: 'Happened',
            isJson,
            createdMs: 1_700_000_000_000,
            data,
            metadata,
          }),
          data: hex(data),
          metadata: hex(metadata),
        }));
        const pairs = (rs: ReadonlyArray<{ data: Uint8Array; metadata: Uint8Array }>) =>
          rs.map((r) => ({ data: hex(r.data), metadata: hex(r.metadata) }));
        const expected = written.map(({ data, metadata }) => ({ data, metadata }));
        t.same(pairs(log.allForward(0, 100)), expected);
        t.same(pairs(log.allBackward(Number.MAX_SAFE_INTEGER, 100)), [...expected].reverse());
        t.same(pairs(log.streamForward('s', 0, events.length - 1, -1, 100)), expected);
        t.same(pairs(log.streamBackward('s', events.length - 1, 0, -1, 100)), [...expected].reverse());
        written.forEach((w, revision) => {
          const one = log.recordAt('s', revision);
          t.same(one === undefined ? null : pairs([one])[0], { data: w.data, metadata: w.metadata });
        });
      } finally {
        close();
      }
    }),
    { numRuns: 100 },
  );
  t.end();
});
