import t from 'tap';
import type { Test } from 'tap';
import fc from 'fast-check';
import {
  ContractError,
  DateInput,
  DateRangeInput,
  InstantInput,
  asOfInstant,
  dateInZone,
  formatThaiDate,
  parseThaiDateRange,
  startOfDay,
  thaiDateToIso,
} from '../../contracts/index.js';

t.test('reads Thai official dates in the forms people type them', async (t) => {
  const cases: Array<[string, string]> = [
    ['๒๘ ธันวาคม ๒๕๖๔', '2021-12-28'], // the MFA letter's form
    ['28 ธันวาคม 2564', '2021-12-28'], // Arabic digits
    ['28 ธ.ค. 2564', '2021-12-28'], // abbreviated month
    ['๒๘ ธ.ค. ๖๔', '2021-12-28'], // two-digit B.E. year
    ['28ธ.ค.2564', '2021-12-28'], // no spaces
    ['28 ธค 2564', '2021-12-28'], // abbreviation without dots
    ['วันที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๔', '2021-12-28'],
    ['วันอังคารที่ 28 ธันวาคม 2564', '2021-12-28'], // weekday checked
    ['28 ธันวา 64', '2021-12-28'], // colloquial month
    ['๘ กรกฎาคม ๒๕๖๘', '2025-07-08'],
    ['8 กรกฏาคม 2568', '2025-07-08'], // common misspelling
    ['25 ตุลาคม ค.ศ. 2025', '2025-10-25'], // Christian Era, marked
    ['24/12/2567', '2024-12-24'], // d/m/yyyy in B.E.
    ['  ๒๓  มกราคม   ๒๕๖๗ ', '2024-01-23'], // stray spaces
    ['๒๓\u200Bมกราคม\u200B๒๕๖๗', '2024-01-23'], // zero-width spaces as word breaks
    ['๒๓\u00A0ม.ค.\u00A0๒๕๖๗', '2024-01-23'], // no-break spaces
    ['2024-12-24', '2024-12-24'], // ISO passes through
    ['29 กุมภาพันธ์ 2567', '2024-02-29'], // B.E. 2567 = 2024, a leap year
    ['28 December 2021', '2021-12-28'], // English month names take a Christian Era year
    ['Dec 28, 2021', '2021-12-28'],
    ['25 Oct 2025', '2025-10-25'],
  ];
  for (const [input, iso] of cases) t.equal(thaiDateToIso(input), iso, input);
});

t.test('converts the Buddhist Era year by subtracting 543', async (t) => {
  t.equal(thaiDateToIso('1 มกราคม 2565'), '2022-01-01');
  t.equal(thaiDateToIso('1 มกราคม 2484'), '1941-01-01');
  t.equal(formatThaiDate('2022-01-01', { digits: 'arabic' }), '1 มกราคม 2565');
});

function failsWith(t: Test, input: string, code: string, message?: RegExp): void {
  try {
    t.fail(`${input} read as ${thaiDateToIso(input)}, expected ${code}`);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    t.equal(error.code, code, `${input}: ${error.message}`);
    if (message) t.match(error.message, message);
  }
}

t.test('refuses impossible dates with a message naming them', async (t) => {
  failsWith(t, '31 กุมภาพันธ์ 2565', 'impossible_date', /กุมภาพันธ์ 2565 \(2022\) has 28 days/);
  failsWith(t, '๒๙ ก.พ. ๒๕๖๕', 'impossible_date', /has 28 days/);
  failsWith(t, '31 เมษายน 2565', 'impossible_date', /has 30 days/);
  failsWith(t, '0 มกราคม 2565', 'impossible_date');
  failsWith(t, '32/1/2565', 'impossible_date');
  failsWith(t, '2022-02-30', 'impossible_date');
  failsWith(t, '29/13/2565', 'impossible_date');
});

t.test('refuses what is not a date, saying what it expects', async (t) => {
  failsWith(t, 'เมื่อวาน', 'invalid_date', /๒๘ ธันวาคม ๒๕๖๔/);
  failsWith(t, '๓) มกราคม ๒๕๖๕', 'invalid_date'); // the OCR'd unreadable day of seed 003
  failsWith(t, '28 ธันวาคมม 2564', 'invalid_date', /not a Thai month name/);
  failsWith(t, '28 Decembre 2021', 'invalid_date', /not a month name/);
  failsWith(t, '31 June 2022', 'impossible_date');
});

t.test('refuses an unmarked Christian Era year rather than guessing', async (t) => {
  failsWith(t, '28 ธันวาคม 2021', 'ambiguous_year', /พ\.ศ\. 2564/);
  failsWith(t, '28/12/2021', 'ambiguous_year');
});

t.test('refuses dates before B.E. 2484, when the Thai year began in April', async (t) => {
  failsWith(t, '1 มกราคม 2480', 'unsupported_era');
});

t.test('refuses a weekday that does not match the date', async (t) => {
  failsWith(t, 'วันจันทร์ที่ 28 ธันวาคม 2564', 'weekday_mismatch', /วันอังคาร/);
});

t.test('reads date ranges as written in official letters', async (t) => {
  t.same(parseThaiDateRange('๓๐ พฤษภาคม - ๑๐ มิถุนายน ๒๕๖๕'), { from: '2022-05-30', to: '2022-06-10' });
  t.same(parseThaiDateRange('๑๗-๒๘ มกราคม ๒๕๖๕'), { from: '2022-01-17', to: '2022-01-28' });
  t.same(parseThaiDateRange('28 ธันวาคม - 5 มกราคม 2565'), { from: '2021-12-28', to: '2022-01-05' });
  t.same(parseThaiDateRange('2024-07-29/2024-08-09'), { from: '2024-07-29', to: '2024-08-09' });
  t.throws(() => parseThaiDateRange('๒๘-๑๗ มกราคม ๒๕๖๕'), { code: 'impossible_date' });
});

t.test('any real date written the Thai way reads back as itself', async () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1941-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('thai' as const, 'arabic' as const),
      fc.constantFrom('full' as const, 'abbrev' as const),
      fc.boolean(),
      (date, digits, month, era) => {
        const iso = date.toISOString().slice(0, 10);
        const written = formatThaiDate(iso, { digits, month, era });
        return thaiDateToIso(written) === iso;
      },
    ),
    { numRuns: 2000 },
  );
});

t.test('any text either reads as a real date or fails with a ContractError, never anything else', async () => {
  const pieces = fc.constantFrom(
    '๒๘',
    '28',
    '31',
    '0',
    ' ',
    '-',
    '/',
    '.',
    'ธันวาคม',
    'ธ.ค.',
    'ก.พ.',
    'พ.ศ.',
    'ค.ศ.',
    '๒๕๖๔',
    '2564',
    '64',
    'วันที่',
    'วันจันทร์ที่',
    'Dec',
    '2021',
    '\u200B',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
      ),
      (text) => {
        try {
          return /^\d{4}-\d{2}-\d{2}$/.test(thaiDateToIso(text));
        } catch (error) {
          return error instanceof ContractError;
        }
      },
    ),
    { numRuns: 3000 },
  );
});

t.test('DateInput turns a Thai date into ISO and reports a bad one as a validation issue', async (t) => {
  t.equal(DateInput.parse('๒๘ ธันวาคม ๒๕๖๔'), '2021-12-28');
  const bad = DateInput.safeParse('31 ก.พ. 2565');
  t.notOk(bad.success);
  t.match(bad.error?.issues[0]?.message, /does not exist/);
});

t.test(
  'InstantInput normalises instants to UTC and reads a bare date as the start of the day in Bangkok',
  async (t) => {
    t.equal(InstantInput.parse('2022-01-01T10:00:00+07:00'), '2022-01-01T03:00:00.000Z');
    t.equal(InstantInput.parse('28 ธ.ค. 2564'), '2021-12-27T17:00:00.000Z');
    t.equal(InstantInput.parse('2021-12-28'), '2021-12-27T17:00:00.000Z');
    t.notOk(InstantInput.safeParse('2021-12-28T10:00:00').success, 'an instant needs an offset');
  },
);

t.test('knows the start of a day in the venue time zone, daylight saving included', async (t) => {
  t.equal(startOfDay('2022-02-28', 'America/New_York'), '2022-02-28T05:00:00.000Z'); // EST
  t.equal(startOfDay('2024-08-08', 'America/New_York'), '2024-08-08T04:00:00.000Z'); // EDT
  t.equal(startOfDay('2023-01-09', 'Europe/Vienna'), '2023-01-08T23:00:00.000Z');
  t.equal(dateInZone('2024-08-09T02:00:00.000Z', 'America/New_York'), '2024-08-08');
  t.equal(dateInZone('2024-08-09T02:00:00.000Z', 'Asia/Bangkok'), '2024-08-09');
});

t.test(
  "a Bangkok date is the one the system's time zone data gives, before and after 1920 (+07:00 taken as fixed since then)",
  async (t) => {
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Bangkok',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const instants = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instants, (at) => dateInZone(at.toISOString(), 'Asia/Bangkok') === reference.format(at)),
      { numRuns: 2000 },
    );
    // Four seconds before a local midnight of +06:42:04 are the next day only if the offset's seconds count
    // (fast-check found it: the offset was rounded to whole minutes).
    t.equal(dateInZone('1914-01-02T17:17:59.999Z', 'Asia/Bangkok'), '1914-01-03');
    t.equal(dateInZone('1914-01-02T17:17:55.999Z', 'Asia/Bangkok'), '1914-01-02');
    // (Before April 1920 Bangkok kept +06:42:04, and a day's start is reckoned in whole minutes.)
    for (const day of ['1920-04-02', '1970-01-01', '2021-12-28', '2099-12-31']) {
      const start = Date.parse(startOfDay(day, 'Asia/Bangkok'));
      t.equal(reference.format(new Date(start)), day, `${day} begins at ${new Date(start).toISOString()}`);
      t.not(reference.format(new Date(start - 1)), day, `the instant before the start of ${day} is the day before`);
    }
  },
);

t.test('a year 0000-0099 is its own year, not moved to the 1900s', async (t) => {
  // 1900 was not a leap year; the years 0 and 4 (proleptic Gregorian) were.
  t.equal(thaiDateToIso('0000-02-29'), '0000-02-29');
  t.equal(thaiDateToIso('0004-02-29'), '0004-02-29');
  t.throws(() => thaiDateToIso('0100-02-29'), { code: 'impossible_date' });
  t.equal(startOfDay('0050-03-01', 'UTC'), '0050-03-01T00:00:00.000Z');
});

t.test('a date a person types is refused outside 1945-01-01 to 2099-12-31, naming it and the range', async (t) => {
  for (const input of [
    '0050-03-01',
    '0024-12-24',
    '1899-12-31',
    '1944-12-31',
    '2200-01-01',
    '9999-12-31',
    '1 มกราคม 2487',
    '1 มกราคม 2743',
  ]) {
    const date = DateInput.safeParse(input);
    t.notOk(date.success, `DateInput ${input} -> ${String(date.data)}`);
    t.match(date.error?.issues[0]?.message, /out of range.*1945-01-01 to 2099-12-31/, input);
    t.ok(date.error?.issues[0]?.message.includes(input), `the message names ${input}`);
    const instant = InstantInput.safeParse(input);
    t.notOk(instant.success, `InstantInput ${input} -> ${String(instant.data)}`);
    t.match(instant.error?.issues[0]?.message, /out of range/, input);
  }
  for (const input of ['0050-03-01T00:00:00Z', '2200-01-01T00:00:00+07:00']) {
    t.notOk(InstantInput.safeParse(input).success, `InstantInput ${input}`);
  }
  t.notOk(DateRangeInput.safeParse('2099-12-30/2100-01-02').success, 'a range ending after 2099');
  t.equal(DateInput.parse('1945-01-01'), '1945-01-01');
  t.equal(DateInput.parse('2099-12-31'), '2099-12-31');
  t.equal(
    InstantInput.parse('1945-01-01'),
    '1944-12-31T17:00:00.000Z',
    'the first day in Bangkok starts the evening before in UTC',
  );
});

t.test(
  'asOf reads a date as the end of that day in Bangkok and refuses one out of range, naming what was sent',
  async (t) => {
    t.equal(asOfInstant('2021-12-28'), '2021-12-28T16:59:59.999Z');
    t.equal(asOfInstant('2099-12-31'), '2099-12-31T16:59:59.999Z');
    t.equal(asOfInstant('2022-01-01T10:00:00+07:00'), '2022-01-01T03:00:00.000Z');
    for (const input of ['9999-12-31', '0050-03-01', '0050-03-01T00:00:00Z', '2100-01-01T00:00:00Z']) {
      try {
        t.fail(`${input} read as ${asOfInstant(input)}`);
      } catch (error) {
        if (!(error instanceof ContractError)) throw error;
        t.equal(error.code, 'date_out_of_range', input);
        t.ok(error.message.includes(input), `${error.message} names ${input}`);
        t.notMatch(error.message, /10000/);
        t.match(error.message, /1945-01-01 to 2099-12-31/);
      }
    }
  },
);

t.test('an asOf date means the end of that day in Bangkok; Thai dates are accepted', async (t) => {
  t.equal(asOfInstant('2024-01-23'), '2024-01-23T16:59:59.999Z');
  t.equal(asOfInstant('๒๓ มกราคม ๒๕๖๗'), '2024-01-23T16:59:59.999Z');
  t.equal(asOfInstant('2024-01-23T10:00:00+07:00'), '2024-01-23T03:00:00.000Z');
  t.throws(() => asOfInstant('31 กุมภาพันธ์ 2567'), { code: 'impossible_date' });
});
