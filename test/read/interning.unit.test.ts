// The read index's interning (src/read/interning.ts, ADR 0032): envelopes parsed through it equal
// those parsed with none shared; each index has its own, so two read sides (a scratch replay beside
// the live one) never share a table.
import t from 'tap';
import { startOfDay } from '../../contracts/dates.js';
import { homeKeyOf } from '../../projections/routing.js';
import { validTimeOf } from '../../projections/valid-time.js';
import { createInterning } from '../../src/read/interning.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { toEnvelope } from '../../src/read/to-envelope.js';
import type { StoredEvent } from '../../src/store/adapter.js';
import type { Envelope } from '../../projections/envelope.js';
import { everyEventLog } from '../projections/timeline.js';

/** The stored event an envelope was read from. */
function storedOf(e: Envelope): StoredEvent {
  return {
    id: e.eventId,
    type: e.event.type,
    streamName: e.streamName,
    revision: e.revision,
    position: { commit: e.commit, prepare: e.prepare },
    recordedAt: new Date(e.recordedAt),
    data: structuredClone(e.event.data),
    metadata: structuredClone(e.metadata) as Record<string, unknown>,
  };
}

const parse = (stored: StoredEvent, interning = createInterning()): Envelope => {
  const parsed = toEnvelope(stored, interning);
  if (!parsed.ok) throw parsed.error;
  return parsed.envelope;
};

t.test('envelopes parsed through one interning equal those parsed each with a fresh one', async (t) => {
  const stored = everyEventLog().envelopes.map(storedOf);
  t.ok(stored.length > 10);
  const shared = createInterning();
  t.same(
    stored.map((s) => parse(s, shared)),
    stored.map((s) => parse(s)),
  );
});

t.test('one interning shares an actor between envelopes; two read indexes share nothing', async (t) => {
  const log = everyEventLog().envelopes;
  const actorOf = (e: Envelope | undefined) => JSON.stringify(e?.metadata.actor);
  const [a, b] = log.filter((e) => actorOf(e) === actorOf(log[0]));
  if (a === undefined || b === undefined) throw new Error('the timeline has two events by one actor');
  const live = createMemoryIndex();
  const scratch = createMemoryIndex();
  t.not(live.interning, scratch.interning, 'each index has its own');
  t.equal(
    parse(storedOf(a), live.interning).metadata.actor,
    parse(storedOf(b), live.interning).metadata.actor,
    'the same object within one',
  );
  t.not(
    parse(storedOf(a), live.interning).metadata.actor,
    parse(storedOf(a), scratch.interning).metadata.actor,
    'not across two',
  );
});

t.test('the remembered home keys and days answer as the functions they remember', async (t) => {
  const interning = createInterning();
  const log = everyEventLog().envelopes;
  for (const e of [...log, ...log]) {
    t.equal(interning.homeKeyOf(e.streamName), homeKeyOf(e.streamName), e.streamName);
    t.equal(validTimeOf(e.event, e.metadata, interning.startOfDay), validTimeOf(e.event, e.metadata), e.eventId);
  }
  for (const zone of ['Asia/Bangkok', 'Europe/Vienna', 'America/New_York']) {
    for (const day of ['2024-03-31', '2024-10-27', '2024-02-29'])
      t.equal(interning.startOfDay(day, zone), startOfDay(day, zone), `${day} ${zone}`);
  }
  t.equal(interning.homeKeyOf('$system-stream'), undefined);
  t.equal(interning.homeKeyOf('$system-stream'), undefined, 'remembered as none');
});
