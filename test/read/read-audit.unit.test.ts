// What of a read's answer counts as shown above unclassified (src/read/read-audit.ts classifiedShown).
import t from 'tap';
import { classifiedShown } from '../../src/read/read-audit.js';

const secretConsultation = 'c-secret';
const levelOf = (id: string) => (id === secretConsultation ? ('secret' as const) : ('unclassified' as const));

t.test('a redacted field, a withheld marker and an empty field show nothing', async (t) => {
  t.equal(
    classifiedShown({ position: { issueId: 'a', redLines: { level: 'secret', redacted: true, commitment: 'x' } } }),
    null,
  );
  t.equal(
    classifiedShown(
      { basis: [{ consultationId: secretConsultation, classification: 'secret', redacted: true }] },
      levelOf,
    ),
    null,
  );
  t.equal(classifiedShown({ position: { issueId: 'a', redLines: { level: 'confidential', value: [] } } }), null);
  t.equal(classifiedShown({ issueId: 'a', summary: { en: 'unclassified' } }, levelOf), null);
});

t.test('a shown field is named by its path, level and the nearest subject', async (t) => {
  const shown = classifiedShown({
    positions: [
      {
        issueId: 'a',
        inForce: {
          redLines: { level: 'secret', value: [{ en: 'x' }] },
          fallbacks: { level: 'confidential', value: [{ en: 'y' }] },
        },
      },
    ],
  });
  t.same(shown, {
    level: 'secret',
    subjects: ['issue:a'],
    fields: [
      { path: '/positions/0/inForce/redLines', level: 'secret', subject: 'issue:a' },
      { path: '/positions/0/inForce/fallbacks', level: 'confidential', subject: 'issue:a' },
    ],
    more: 0,
  });
});

t.test("a raw event's salted value and a secret consultation's records count, by stream", async (t) => {
  const shown = classifiedShown(
    {
      events: [
        {
          streamName: 'position-a',
          data: { redLines: { level: 'top-secret', value: [{ en: 'x' }], salt: 's'.repeat(43) } },
        },
        { streamName: `consultation-${secretConsultation}`, data: { stance: 'oppose' } },
      ],
    },
    levelOf,
  );
  t.equal(shown?.level, 'top-secret');
  t.same(shown?.subjects, ['position-a', `consultation-${secretConsultation}`]);
});

t.test(
  'a consultation marked above unclassified that the reader sees counts, and so does what it recorded',
  async (t) => {
    const shown = classifiedShown(
      {
        consultation: { consultationId: 'c-1', classification: 'confidential', views: [] },
        inputs: [{ eventId: 'e', consultationId: secretConsultation }],
      },
      levelOf,
    );
    t.same(shown?.fields, [
      { path: '/consultation', level: 'confidential', subject: 'consultation:c-1' },
      { path: '/inputs/0', level: 'secret', subject: `consultation:${secretConsultation}` },
    ]);
  },
);

t.test('a long answer lists 50 fields and counts the rest', async (t) => {
  const positions = Array.from({ length: 60 }, (_, i) => ({
    issueId: `i-${i}`,
    redLines: { level: 'secret', value: ['x'] },
  }));
  const shown = classifiedShown({ positions });
  t.equal(shown?.fields.length, 50);
  t.equal(shown?.more, 10);
  t.equal(shown?.subjects.length, 60, 'every subject is named');
});
