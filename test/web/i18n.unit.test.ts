// The workspace's words and dates: Thai first with the Buddhist Era, English one click away, every
// label and every value of the ledger named in both languages.
import t from 'tap';
import { digits, formatDate, formatDateTime, typedDate } from '../../src/web/client/i18n/format.js';
import { messages, valueNames } from '../../src/web/client/i18n/messages.js';
import { fieldOfPointer, issueMessages, ruleMessages } from '../../src/web/client/i18n/problems.js';
import { vocabulary } from '../../src/web/vocabulary.js';
import { EARLIEST_DATE, LATEST_DATE } from '../../contracts/dates.js';

const th = { lang: 'th', thaiDigits: false } as const;
const thaiDigits = { lang: 'th', thaiDigits: true } as const;
const en = { lang: 'en', thaiDigits: false } as const;

t.test('a date reads in the Buddhist Era in Thai and as 28 Dec 2021 in English', async (t) => {
  t.equal(formatDate('2021-12-28', th), '28 ธันวาคม 2564');
  t.equal(formatDate('2021-12-28', th, 'short'), '28 ธ.ค. 2564');
  t.equal(formatDate('2021-12-28', thaiDigits), '๒๘ ธันวาคม ๒๕๖๔', 'with Thai digits');
  t.equal(formatDate('2021-12-28', en), '28 Dec 2021');
  t.equal(formatDate('2021-12-28', en, 'short'), '28 Dec 2021');
});

t.test('an instant is shown as the day it was in Bangkok, a calendar date as that day anywhere', async (t) => {
  // 17:00 UTC on the 27th is already the 28th in Bangkok.
  t.equal(formatDate('2021-12-27T17:00:00.000Z', th), '28 ธันวาคม 2564');
  t.equal(formatDate('2021-12-27T16:59:59.000Z', en), '27 Dec 2021');
  t.equal(formatDateTime('2021-12-28T03:00:00.000Z', thaiDigits), '๒๘ ธ.ค. ๒๕๖๔ ๑๐:๐๐');
  t.equal(formatDateTime('2021-12-28T03:00:00.000Z', en), '28 Dec 2021, 10:00');
  t.equal(formatDate('not a date', en), 'not a date', 'what is no date is shown as it came');
});

t.test('a Buddhist Era year typed into a date field is read as the Thai reader meant it', async (t) => {
  t.same(typedDate('2567-01-23'), { value: '2024-01-23', buddhistYear: 2567 }, 'B.E. 2567 is 2024');
  t.same(typedDate('2488-01-01'), { value: '1945-01-01', buddhistYear: 2488 }, 'the first day the ledger takes');
  t.same(typedDate('2567-02-29'), { value: '2024-02-29', buddhistYear: 2567 }, '29 February of a leap year');
  t.same(typedDate('2568-02-29'), { value: '2568-02-29' }, 'a day B.E. 2568 does not have stays as typed');
  t.same(typedDate('2024-01-23'), { value: '2024-01-23' }, 'a common-era year stays');
  t.same(typedDate('2150-01-23'), { value: '2150-01-23' }, 'a year out of range but before B.E. 2400 stays');
  t.same(typedDate(''), { value: '' }, 'an emptied field stays empty');
});

t.test('a date the ledger does not take is explained with the window it does take, in both calendars', async (t) => {
  const message = issueMessages['date_out_of_range'];
  const window = (style: typeof th | typeof en, to: string) =>
    `${formatDate(EARLIEST_DATE, style, 'short')} ${to} ${formatDate(LATEST_DATE, style, 'short')}`;
  t.ok(message?.th.includes(window(th, 'ถึง')), 'in Thai: 1 ม.ค. 2488 ถึง 31 ธ.ค. 2642, as contracts/dates.ts has it');
  t.ok(message?.en.includes(window(en, 'to')), 'in English: 1 Jan 1945 to 31 Dec 2099');
});

t.test('numbers take Thai digits only in the Thai view with the setting on', async (t) => {
  t.equal(digits('ฉบับที่ 12', thaiDigits), 'ฉบับที่ ๑๒');
  t.equal(digits(12, th), '12');
  t.equal(digits(12, { lang: 'en', thaiDigits: true }), '12');
});

t.test('every label has a Thai and an English text', async (t) => {
  for (const [key, text] of Object.entries(messages)) {
    t.ok(text.th.trim() !== '' && text.en.trim() !== '', `${key} in both languages`);
  }
});

// Latin words the Thai view may show: names of things that have no Thai name (a command, a token
// prefix, a paper size, a file format), and the language switch, which names English in English.
const LATIN_ALLOWED = new Set(['ledger', 'token', 'create', 'pl_', 'PDF', 'A4', 'English']);

t.test('no English word is hard-coded in the Thai view', async (t) => {
  const texts: [string, string][] = [
    ...Object.entries(messages).map(([k, v]): [string, string] => [k, v.th]),
    ...Object.entries(valueNames).flatMap(([kind, names]) =>
      Object.entries(names).map(([k, v]): [string, string] => [`${kind}.${k}`, v.th]),
    ),
    ...Object.entries(vocabulary().labels).flatMap(([kind, names]) =>
      Object.entries(names).map(([k, v]): [string, string] => [`${kind}.${k}`, v.th]),
    ),
    ...Object.entries(issueMessages).map(([k, v]): [string, string] => [`issue.${k}`, v.th]),
    ...Object.entries(ruleMessages).map(([k, v]): [string, string] => [`rule.${k}`, v.th]),
  ];
  for (const [key, text] of texts) {
    const latin = (text.replace(/\{\w+\}/g, '').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter(
      (w) => !LATIN_ALLOWED.has(w),
    );
    t.same(latin, [], `${key}: ${text}`);
  }
});

t.test('every value of every enum of the ledger has a name in both languages', async (t) => {
  const v = vocabulary();
  const kinds: [string, readonly string[], Readonly<Record<string, { th: string; en: string }>>][] = [
    ['flexibility', v.flexibilities, v.labels.flexibility],
    ['textStatus', v.textStatuses, v.labels.textStatus],
    ['outcome', v.outcomes, v.labels.outcome],
    ['format', v.formats, v.labels.format],
    ['attestation', v.attestations, v.labels.attestation],
    ['role', v.roles, v.labels.role],
    ['eventType', v.eventTypes, v.labels.eventType],
    ['streamKind', v.streamKinds, v.labels.streamKind],
  ];
  for (const [kind, ids, names] of kinds) {
    for (const id of ids) t.ok(names[id]?.th && names[id]?.en, `${kind} ${id}`);
  }
  // Names contracts/ gives are carried in the vocabulary itself.
  for (const list of [v.stances, v.authorities, v.classifications, v.agencies]) {
    for (const n of list) t.ok(n.th !== '' && n.en !== '', `${n.id} named`);
  }
});

t.test('a problem pointer names its form field', async (t) => {
  t.equal(fieldOfPointer('/summary/th'), 'summary.th');
  t.equal(fieldOfPointer('/redLines/value/0/en'), 'redLines.en');
  t.equal(fieldOfPointer('/basis/eventIds/3'), 'basis.eventIds');
  t.equal(fieldOfPointer('/stance'), 'stance');
});

t.test('every ledger rule a form can meet reads in both languages', async (t) => {
  for (const [code, m] of [...Object.entries(ruleMessages), ...Object.entries(issueMessages)]) {
    t.ok(m.th !== '' && m.en !== '', code);
  }
});
