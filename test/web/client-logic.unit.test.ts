// What the workspace works out by itself: the marking of a printed brief, the lists typed one item
// per line in each language, the pages by path.
import t from 'tap';
import { pairLines, optionalPair } from '../../src/web/client/components/pairs.js';
import { markingOf } from '../../src/web/client/marking.js';
import { matchPage, pagePath } from '../../src/web/pages.js';

t.test("a brief is marked at the highest level of classified content the reader's copy shows", async (t) => {
  const brief = (redLines: unknown, fallbacks: unknown) => ({
    issues: [{ position: { inForce: { redLines, fallbacks } } }],
  });
  t.equal(
    markingOf(brief({ level: 'confidential', value: [] }, { level: 'confidential', value: [] })),
    'unclassified',
    'empty classified lists mark nothing',
  );
  t.equal(
    markingOf(
      brief(
        { level: 'secret', value: [{ th: 'ก', en: 'a' }] },
        { level: 'confidential', value: [{ th: 'ข', en: 'b' }] },
      ),
    ),
    'secret',
  );
  t.equal(
    markingOf(brief({ level: 'secret', redacted: true }, { level: 'confidential', value: [{ th: 'ข', en: 'b' }] })),
    'confidential',
    'what is redacted is not in the copy',
  );
});

t.test('lines typed in Thai and English are paired by position; blank lines are dropped', async (t) => {
  t.same(pairLines({ th: 'หนึ่ง\n\nสอง\n', en: 'one\n\ntwo' }), [
    { th: 'หนึ่ง', en: 'one' },
    { th: 'สอง', en: 'two' },
  ]);
  t.same(
    pairLines({ th: 'หนึ่ง\nสอง', en: 'one' }),
    [
      { th: 'หนึ่ง', en: 'one' },
      { th: 'สอง', en: '' },
    ],
    'a missing English line is sent empty, so the API names it',
  );
  t.same(pairLines({ th: '', en: '' }), []);
  t.equal(optionalPair({ th: ' ', en: '' }), undefined);
});

t.test('a path names its page and its parameters', async (t) => {
  t.same(matchPage('/'), { page: 'board', params: {} });
  t.same(matchPage('/issues/ahc-scope'), { page: 'issue', params: { issueId: 'ahc-scope' } });
  t.same(matchPage('/briefs/ahc-1'), { page: 'brief', params: { sessionId: 'ahc-1' } });
  t.same(matchPage('/changes'), { page: 'changes', params: {} });
  t.same(matchPage('/search'), { page: 'search', params: {} });
  t.equal(matchPage('/issues/ahc-scope/extra'), null);
  t.equal(pagePath('consultation', { consultationId: 'x y' }), '/consultations/x%20y');
});
