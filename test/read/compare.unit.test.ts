import t from 'tap';
import { asOfFor } from '../../projections/index.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { WITHHELD, compareReadModels, shownTo } from '../../src/read/replay.js';
import type { Envelope } from '../../projections/envelope.js';
import { CONSULTATION, everyEventLog } from '../projections/timeline.js';

function side(envelopes: readonly Envelope[]) {
  const index = createMemoryIndex();
  for (const e of envelopes) index.add(e);
  return { index, models: createReadModels(index) };
}

const now = asOfFor('valid', '2030-01-01T00:00:00.000Z');

t.test('read models rebuilt from the same events compare equal, subject by subject', async (t) => {
  const { envelopes } = everyEventLog();
  t.same(await compareReadModels(side(envelopes), side(envelopes), now), []);
});

t.test('a rebuild missing an endorsement is reported at that issue position and history, by issue id', async (t) => {
  const { envelopes } = everyEventLog();
  // The last endorsement of the log: the one in force on its issue.
  const endorsement = envelopes.findLast((e) => e.event.type === 'PositionEndorsed');
  if (endorsement === undefined || endorsement.event.type !== 'PositionEndorsed')
    throw new Error('the log has no endorsement');
  const issueId = endorsement.event.data.issueId;
  const diffs = await compareReadModels(side(envelopes), side(envelopes.filter((e) => e !== endorsement)), now, {
    limit: 1000,
  });
  const paths = diffs.map((d) => d.path);
  t.ok(
    paths.some((p) => p.startsWith(`/positions/${issueId}`)),
    `the position of ${issueId} differs`,
  );
  t.ok(
    paths.some((p) => p.startsWith(`/histories/${issueId}`)),
    'and its history',
  );
  t.ok(
    paths.every((p) => !p.startsWith('/consultations/')),
    'consultations do not',
  );
});

t.test('the comparison stops at its limit of differences', async (t) => {
  const { envelopes } = everyEventLog();
  const diffs = await compareReadModels(side(envelopes), side([]), now, { limit: 3 });
  t.equal(diffs.length, 3);
});

t.test(
  'a difference inside a consultation marked above the reader is shown as withheld, by subject, with none of its text',
  async (t) => {
    const { envelopes } = everyEventLog();
    // The confidential consultation's RTP view, missing from the rebuild.
    const view = envelopes.find((e) => e.event.type === 'AgencyViewRecorded' && e.event.data.agency === 'RTP');
    if (view === undefined) throw new Error('the log has no RTP view');
    const rebuilt = side(envelopes.filter((e) => e !== view));
    const low = await compareReadModels(side(envelopes), rebuilt, now, {
      limit: 1000,
      reader: shownTo('unclassified'),
    });
    t.ok(low.length > 0, 'the rebuild still differs');
    t.same(
      low.filter((d) => d.path.startsWith('/consultations/')),
      [{ path: `/consultations/${CONSULTATION}`, live: WITHHELD, rebuilt: WITHHELD }],
      'the consultation: one withheld difference',
    );
    t.notOk(JSON.stringify(low).includes('broad scope helps investigations'), "the view's text is not in the report");
    const cleared = await compareReadModels(side(envelopes), rebuilt, now, {
      limit: 1000,
      reader: shownTo('confidential'),
    });
    t.ok(
      JSON.stringify(cleared).includes('broad scope helps investigations'),
      'a reader cleared for the consultation sees what differs',
    );
  },
);
