// The log's reads take their LIMIT written into the SQL, a statement kept per limit, and bind it only past the
// limits kept (event-log.ts, ADR 0058 addendum): whatever limits a store is asked for, in whatever order, each read
// gives the records from where it starts, in its direction, never more than its limit.
import t from 'tap';
import fc from 'fast-check';
import { openDatabase } from '../../../src/embedded/storage/database.js';
import { createEventLog } from '../../../src/embedded/storage/event-log.js';

const EVENTS = 40;

t.test('every read returns the records from its start, up to its limit, whatever limits came before', (t) => {
  const { db, close } = openDatabase({ memory: true });
  t.teardown(close);
  const log = createEventLog(db);
  const positions: number[] = [];
  for (let revision = 0; revision < EVENTS; revision += 1) {
    positions.push(
      log.insert({
        stream: revision % 2 === 0 ? 'even' : 'odd',
        revision: Math.floor(revision / 2),
        id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
        type: 'Happened',
        isJson: true,
        createdMs: 1_700_000_000_000,
        data: new Uint8Array([revision]),
        metadata: new Uint8Array(0),
      }),
    );
  }
  const revisionsOf = (rs: ReadonlyArray<{ revision: number }>) => rs.map((r) => r.revision);
  const positionsOf = (rs: ReadonlyArray<{ position: number }>) => rs.map((r) => r.position);
  // More distinct limits (0 to 60) than the log keeps statements for, so both ways of passing a limit are read.
  const read = fc.record({ limit: fc.integer({ min: 0, max: 60 }), at: fc.integer({ min: 0, max: EVENTS - 1 }) });
  fc.assert(
    fc.property(fc.array(read, { minLength: 1, maxLength: 40 }), (reads) => {
      for (const { limit, at } of reads) {
        const from = positions[at] ?? 0;
        t.same(positionsOf(log.allForward(from, limit)), positions.slice(at, at + limit));
        t.same(positionsOf(log.allBackward(from, limit)), positions.slice(Math.max(0, at - limit), at).reverse());
        const half = EVENTS / 2;
        const revision = at % half;
        const all = Array.from({ length: half }, (_, i) => i);
        t.same(
          revisionsOf(log.streamForward('even', revision, half - 1, -1, limit)),
          all.slice(revision, revision + limit),
        );
        t.same(
          revisionsOf(log.streamBackward('odd', revision, 0, -1, limit)),
          all.slice(Math.max(0, revision + 1 - limit), revision + 1).reverse(),
        );
      }
    }),
    { numRuns: 60 },
  );
  t.end();
});
