import t from 'tap';
import type { LedgerEvent } from '../../contracts/index.js';
import { fold } from '../../src/domain/index.js';
import { issueDecider as issue } from '../../src/domain/issue.js';
import { allEntries, findEntry, isInEffect } from '../../src/domain/stream.js';
import { history, id } from './spec.js';
import { bi, registerIssue } from './fixtures.js';

const retitled = (en: string): LedgerEvent => ({ type: 'IssueRetitled', data: { issueId: 'scope', title: bi(en) } });

t.test('evolve is pure: two branches from one state do not see each other', async (t) => {
  const base = fold(issue, history(registerIssue));
  const a = issue.evolve(base, retitled('A'), { eventId: id(10) });
  const b = issue.evolve(base, retitled('B'), { eventId: id(11) });
  t.equal(allEntries(base).length, 1, 'the base keeps its one entry');
  t.same(
    allEntries(a).map((e) => e.eventId),
    [id(1), id(10)],
  );
  t.same(
    allEntries(b).map((e) => e.eventId),
    [id(1), id(11)],
  );
  t.equal(a.inEffect.title?.en, 'A');
  t.equal(b.inEffect.title?.en, 'B');
  t.notOk(findEntry(b, id(10)), "branch b does not find branch a's event");
  t.notOk(findEntry(base, id(10)));
});

t.test('a retraction takes its target out of effect, and its own retraction puts it back', async (t) => {
  let state = fold(issue, history(registerIssue));
  state = issue.evolve(state, retitled('A'), { eventId: id(2) });
  const retract = (target: string): LedgerEvent => ({
    type: 'EntryRetracted',
    data: { targetEventId: target, targetType: 'x', reason: bi('r') },
  });
  const retracted = issue.evolve(state, retract(id(2)), { eventId: id(3) });
  t.notOk(isInEffect(retracted, id(2)));
  t.equal(retracted.inEffect.title?.en, 'Title and scope');
  const reinstated = issue.evolve(retracted, retract(id(3)), { eventId: id(4) });
  t.ok(isInEffect(reinstated, id(2)));
  t.notOk(isInEffect(reinstated, id(3)));
  t.equal(reinstated.inEffect.title?.en, 'A');
});

// No time is asserted here: the machines are shared, and speed belongs in `npm run bench`.
t.test('a stream of 20,000 retitles folds into every entry, in order, with the last title in effect', async (t) => {
  const events = Array.from({ length: 20_000 }, (_, i) => ({ event: retitled(`T${i}`), eventId: id(i + 2) }));
  const state = fold(issue, [...history(registerIssue), ...events]);
  const entries = allEntries(state);
  t.equal(entries.length, 20_001);
  t.equal(entries[20_000]?.eventId, id(20_001));
  t.ok(
    entries.every((entry, i) => entry.eventId === id(i + 1)),
    'every entry at its place in the stream',
  );
  t.equal(state.inEffect.title?.en, 'T19999');
});
