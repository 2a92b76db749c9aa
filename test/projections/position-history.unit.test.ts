import t from 'tap';
import { draftChanges, historyEntries, positionHistory } from '../../projections/position-history.js';
import { foldAll } from '../../projections/projection.js';
import { bi, createLog, draft, points } from './fixtures.js';

t.test('a redraft with the same content in fresh objects lists no changes', async (t) => {
  const before = draft('i1', 1, 'support', {
    summary: bi('same'),
    redLines: points('secret', 'a', 'b'),
    allies: ['ASEAN', 'EU'],
  });
  const after = draft('i1', 2, 'support', {
    summary: bi('same'),
    redLines: points('secret', 'a', 'b'),
    allies: ['ASEAN', 'EU'],
  });
  t.same(draftChanges(before, after), []);
});

t.test('a redraft lists exactly the fields whose content changed, however deep', async (t) => {
  const before = draft('i1', 1, 'support', {
    summary: bi('first'),
    redLines: points('secret', 'a', 'b'),
    allies: ['ASEAN'],
  });
  const after = draft('i1', 2, 'support', {
    summary: bi('first'),
    redLines: points('secret', 'a', 'c'),
    allies: ['ASEAN', 'EU'],
  });
  t.same(
    draftChanges(before, after).map((c) => c.field),
    ['redLines', 'allies'],
  );
  const relabelled = draft('i1', 3, 'support', {
    summary: bi('first'),
    redLines: points('confidential', 'a', 'c'),
    allies: ['ASEAN', 'EU'],
  });
  t.same(draftChanges(after, relabelled), [{ field: 'redLines', from: after.redLines, to: relabelled.redLines }]);
});

t.test('a rationale added to a redraft counts as a change from none', async (t) => {
  const before = draft('i1', 1, 'support', { summary: bi('same') });
  const after = draft('i1', 2, 'support', { summary: bi('same'), rationale: bi('why') });
  t.same(draftChanges(before, after), [{ field: 'rationale', from: null, to: after.rationale }]);
});

t.test('a redraft is compared with the version it names, else with the latest draft', async (t) => {
  const log = createLog();
  const at = (day: string) => ({
    occurredAt: `2024-01-${day}T00:00:00.000Z`,
    recordedAt: `2024-01-${day}T00:00:00.000Z`,
  });
  log.add('PositionDrafted', draft('i1', 1, 'support', { summary: bi('same') }), at('01'));
  log.add('PositionDrafted', draft('i1', 2, 'oppose', { summary: bi('same') }), at('02'));
  log.add('PositionDrafted', draft('i1', 3, 'support', { summary: bi('same'), previousVersion: 1 }), at('03'));
  log.add('PositionDrafted', draft('i1', 4, 'support', { summary: bi('same') }), at('04'));
  const entries = historyEntries(foldAll(positionHistory, log.envelopes).state);
  t.same(
    entries.map((e) => [e.version, e.comparedWith, e.changes.map((c) => c.field)]),
    [
      [1, null, []],
      [2, 1, ['stance']],
      [3, 1, []],
      [4, 3, []],
    ],
  );
});
