// An event's chain text written straight as canonical UTF-8 (a performance trick, ADR 0065, on ADR 0064's writer):
// the bytes of canonicalJson(committedForm(event)) (chain.ts), without building the committed copy or its canonical
// text as a string. Every keyed write chains two events (the key's claim and the event) and the adapter checks the
// link of every event it reads; the string form cost ~10 KB of ropes a keyed write and a flat two-byte copy of each
// text (the Thai) that hashing then converted to UTF-8 again.
//
// The text is `{"data":D,"metadata":{M without hash},"prev":P,"type":T}` (the committed form's keys in order): D as
// committed-utf8.ts writes it, M's members as canonical-utf8.ts does, P the metadata's `prev` or null. It throws
// whatever the walk meets (content with no committed form, a value canonical JSON refuses, data that is not plain
// JSON), not necessarily the definition's error: chain.ts then takes the definition's path, which answers word for
// word. test/store/chain-utf8.property.unit.test.ts compares the bytes with the definition on arbitrary events.
import { sortedKeys } from './canonical-json.js';
import { Utf8Writer } from './canonical-utf8.js';
import { writeCommitted } from './committed-utf8.js';

/** An event's type, data and metadata (chain.ts's EventContent; not imported: chain.ts imports this module). */
interface Content {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** The one buffer chain texts are written into (nothing here calls itself). */
const writer = new Utf8Writer();

/** canonicalJson(committedForm(event)) as UTF-8: a view of a buffer that the next call writes over. */
export function chainText(event: Content): Buffer {
  const w = writer;
  const { metadata } = event;
  w.reset();
  w.ascii('{"data":');
  writeCommitted(w, event.data);
  w.ascii(',"metadata":{');
  let first = true;
  for (const key of sortedKeys(Object.keys(metadata))) {
    const member = metadata[key];
    if (key === 'hash' || member === undefined || typeof member === 'function') continue;
    if (!first) w.byte(0x2c);
    first = false;
    w.key(key);
    w.value(member);
  }
  w.ascii('},"prev":');
  w.value(metadata['prev'] ?? null);
  w.ascii(',"type":');
  w.string(event.type);
  w.byte(0x7d);
  return w.bytes(0, w.at);
}
