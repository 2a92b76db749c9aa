import t from 'tap';
import {
  applyOnce,
  foldAll,
  initialFold,
  projections,
  selectAsOf,
  type Envelope,
  type Projection,
} from '../../projections/index.js';
import { keysOf } from '../../projections/routing.js';
import { everyEventLog } from './timeline.js';

const now = { validAt: '2030-01-01T00:00:00.000Z', knownAt: null };

function envelopesByKey(envelopes: readonly Envelope[]): Map<string, Envelope[]> {
  const keysById = new Map<string, string[]>();
  const byKey = new Map<string, Envelope[]>();
  for (const e of envelopes) {
    const keys = keysOf(e, (id) => keysById.get(id) ?? []);
    keysById.set(e.eventId, keys);
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  return byKey;
}

function foldTwiceEach<S>(projection: Projection<S>, envelopes: readonly Envelope[]) {
  let folded = initialFold(projection);
  for (const e of envelopes) folded = applyOnce(projection, applyOnce(projection, folded, e), e);
  return folded;
}

const byKey = envelopesByKey(everyEventLog().envelopes);

for (const [name, { kind, projection }] of Object.entries(projections)) {
  const keys = [...byKey.keys()].filter((k) => k.startsWith(`${kind}:`));
  t.test(`${name}: folding every event twice changes nothing`, async (t) => {
    t.ok(keys.length > 0, 'the timeline has keys of this kind');
    for (const key of keys) {
      const selected = selectAsOf(byKey.get(key) ?? [], now);
      const once = foldAll<unknown>(projection, selected);
      t.same(foldTwiceEach<unknown>(projection, selected).state, once.state, key);
      t.same(foldAll<unknown>(projection, selected, once).state, once.state, `${key}: the whole history again`);
      // A key none of whose events this projection handles (an issue with no follow-ups) folds to nothing.
      const handled = selected.some((e) => (projection.handles as readonly string[]).includes(e.event.type));
      if (handled)
        t.not(JSON.stringify(once.state), JSON.stringify(projection.initialState()), `${key}: the fold did something`);
    }
  });
}

t.test('every event type reaches at least one projection', async (t) => {
  const handled = new Set(Object.values(projections).flatMap((p) => [...p.projection.handles]));
  for (const e of everyEventLog().envelopes) t.ok(handled.has(e.event.type), e.event.type);
});
