import t from 'tap';
import { draftChanges } from '../../projections/position-history.js';
import { bi, draft, points } from './fixtures.js';

t.test('a redraft with the same content in fresh objects lists no changes', async (t) => {
  const before = draft('i1', 1, 'support', { summary: bi('same'), redLines: points('secret', 'a', 'b'), allies: ['ASEAN', 'EU'] });
  const after = draft('i1', 2, 'support', { summary: bi('same'), redLines: points('secret', 'a', 'b'), allies: ['ASEAN', 'EU'] });
  t.same(draftChanges(before, after), []);
});

t.test('a redraft lists exactly the fields whose content changed, however deep', async (t) => {
  const before = draft('i1', 1, 'support', { summary: bi('first'), redLines: points('secret', 'a', 'b'), allies: ['ASEAN'] });
  const after = draft('i1', 2, 'support', { summary: bi('first'), redLines: points('secret', 'a', 'c'), allies: ['ASEAN', 'EU'] });
  t.same(
    draftChanges(before, after).map((c) => c.field),
    ['redLines', 'allies'],
  );
  const relabelled = draft('i1', 3, 'support', { summary: bi('first'), redLines: points('confidential', 'a', 'c'), allies: ['ASEAN', 'EU'] });
  t.same(draftChanges(after, relabelled), [{ field: 'redLines', from: after.redLines, to: relabelled.redLines }]);
});

t.test('a rationale added to a redraft counts as a change from none', async (t) => {
  const before = draft('i1', 1, 'support', { summary: bi('same') });
  const after = draft('i1', 2, 'support', { summary: bi('same'), rationale: bi('why') });
  t.same(draftChanges(before, after), [{ field: 'rationale', from: null, to: after.rationale }]);
});
