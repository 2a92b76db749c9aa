// Which integrity break a read touches (src/read/integrity-subject.ts, ADR 0034): the rule the
// integrity routes apply before a read, now the read side's (ADR 0032).
import t from 'tap';
import { CHECKPOINT_STREAM } from '../../src/integrity/index.js';
import type { IntegrityBreak } from '../../src/read/integrity.js';
import { breakFor } from '../../src/read/integrity-subject.js';

const broken = (...streams: string[]): Map<string, IntegrityBreak> =>
  new Map(
    streams.map((stream) => [
      stream,
      { stream, revision: '3', eventId: null, reason: 'chain hash differs', foundBy: 'projector' },
    ]),
  );

t.test('a read of an issue is refused for a break on its position or issue stream, not on another issue', async (t) => {
  t.equal(breakFor({ kind: 'issue', id: 'ahc-scope' }, broken('position-ahc-scope'))?.stream, 'position-ahc-scope');
  t.equal(breakFor({ kind: 'issue', id: 'ahc-scope' }, broken('issue-ahc-scope'))?.stream, 'issue-ahc-scope');
  t.equal(breakFor({ kind: 'issue', id: 'ahc-scope' }, broken('position-ahc-jurisdiction')), undefined);
});

t.test('a read of a consultation is refused only for a break on that consultation', async (t) => {
  t.equal(
    breakFor({ kind: 'consultation', id: 'cons-1' }, broken('consultation-cons-1'))?.stream,
    'consultation-cons-1',
  );
  t.equal(
    breakFor({ kind: 'consultation', id: 'cons-1' }, broken('consultation-cons-2', 'position-ahc-scope')),
    undefined,
  );
});

t.test('a read of anything (a list) is refused for any break, and nothing is refused without one', async (t) => {
  t.equal(breakFor(null, broken('position-ahc-jurisdiction'))?.stream, 'position-ahc-jurisdiction');
  t.equal(breakFor(null, broken()), undefined);
  t.equal(breakFor({ kind: 'issue', id: 'ahc-scope' }, broken()), undefined);
});

t.test('a break on the checkpoint stream refuses a read of any one subject too', async (t) => {
  t.equal(breakFor({ kind: 'issue', id: 'ahc-scope' }, broken(CHECKPOINT_STREAM))?.stream, CHECKPOINT_STREAM);
});
