// Every draft so far (projections/drafts.ts), the one structure the current position and the
// position history keep their drafts in.
import t from 'tap';
import { latestDraftOf, latestDrafts, withDraft, type DraftsSoFar } from '../../projections/drafts.js';

interface Draft {
  readonly version: number;
  readonly text: string;
}

const build = (...drafts: Draft[]): DraftsSoFar<Draft> | null =>
  drafts.reduce<DraftsSoFar<Draft> | null>(withDraft, null);

t.test('a later draft of a version hides the earlier draft of that version', async (t) => {
  const drafts = build({ version: 1, text: 'a' }, { version: 2, text: 'b' }, { version: 1, text: 'a, redrafted' });
  t.same(latestDraftOf(drafts, 1), { version: 1, text: 'a, redrafted' });
  t.same(latestDraftOf(drafts, 2), { version: 2, text: 'b' });
  t.equal(latestDraftOf(drafts, 3), undefined);
  t.same(
    latestDrafts(drafts),
    [
      { version: 1, text: 'a, redrafted' },
      { version: 2, text: 'b' },
    ],
    'one per version, in version order',
  );
});

t.test('no drafts so far: nothing to find', async (t) => {
  t.equal(latestDraftOf(null, 1), undefined);
  t.same(latestDrafts(null), []);
});

t.test('adding a draft leaves the drafts before it as they were, and shares them', async (t) => {
  const before = build({ version: 1, text: 'a' });
  const after = withDraft(before, { version: 2, text: 'b' });
  t.same(latestDrafts(before), [{ version: 1, text: 'a' }]);
  t.equal(after.earlier, before, 'the earlier drafts are not copied');
});
