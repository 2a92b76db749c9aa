// The dates an answer about "now" compares "now" with (ADR 0074): a session's status and a consultation's
// overdue follow-ups stay what they are at the instant asked up to the bound the read side notes
// (sessionStatusUntil, overdueFrom), and are otherwise at that bound. Checked for sessions in zones with and
// without daylight saving and for follow-ups due on any day, the instants asked for drawn at random.
import t from 'tap';
import fc from 'fast-check';
import { dateInZone, startOfDay } from '../../contracts/dates.js';
import {
  consultationView,
  overdueFrom,
  sessionStatus,
  sessionStatusUntil,
  type ConsultationRegisterState,
  type SessionCalendarState,
} from '../../projections/index.js';

const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const ZONES = ['Asia/Bangkok', 'America/New_York', 'Europe/Zurich', 'Pacific/Auckland', 'Asia/Kathmandu'];

const dayOf = (n: number): string => new Date(BASE + n * DAY).toISOString().slice(0, 10);
const iso = (ms: number): string => new Date(ms).toISOString();
/** An instant in the two years from BASE. */
const instant = fc.integer({ min: 0, max: 730 * DAY }).map((ms) => BASE + ms);
/** Fractions of the span [asked, until) to look at. */
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 8 });

const session = fc
  .record({
    from: fc.integer({ min: 0, max: 700 }),
    days: fc.integer({ min: 0, max: 20 }),
    zone: fc.constantFrom(...ZONES),
    concluded: fc.boolean(),
  })
  .map(
    ({ from, days, zone, concluded }) =>
      ({
        scheduled: null,
        from: dayOf(from),
        to: dayOf(from + days),
        venue: { city: 'X', timeZone: zone },
        concluded: concluded ? { sessionId: 's', on: dayOf(from), result: 'adopted' } : null,
      }) as unknown as SessionCalendarState,
  );

/** Instants in [from, until) at these fractions of the span, and its last millisecond. */
function within(from: number, until: number, at: readonly number[]): number[] {
  return [from, until - 1, ...at.map((f) => from + Math.floor(f * (until - from)))];
}

t.test("a session's status is the same up to the instant sessionStatusUntil gives, and another from it", (t) => {
  fc.assert(
    fc.property(session, instant, fractions, (state, asked, at) => {
      const status = sessionStatus(state, iso(asked));
      const until = sessionStatusUntil(state, iso(asked));
      if (until === null) {
        // Ended for good: the same at any later instant.
        for (const later of [
          asked + 1,
          asked + 365 * DAY,
          Date.parse('9999-01-01T00:00:00.000Z'),
          ...at.map((f) => asked + f * 3650 * DAY),
        ])
          if (sessionStatus(state, iso(later)) !== status) return false;
        return true;
      }
      const end = Date.parse(until);
      if (!(end > asked)) return false;
      for (const t of within(asked, end, at)) if (sessionStatus(state, iso(t)) !== status) return false;
      return sessionStatus(state, until) !== status;
    }),
    { numRuns: 2000 },
  );
  t.end();
});

const followUp = fc.record({
  due: fc.option(fc.integer({ min: 0, max: 730 }).map(dayOf), { nil: undefined }),
});

const register = fc
  .array(fc.array(followUp, { maxLength: 4 }), { minLength: 1, maxLength: 3 })
  .map((outcomes): ConsultationRegisterState => {
    const entries = outcomes.map((followUps, i) => [
      `issue-${i}`,
      {
        eventId: `e${i}`,
        issueId: `issue-${i}`,
        outcome: 'consensus',
        recommendedStance: null,
        summary: { th: 'ส', en: 's' },
        supporting: [],
        dissenting: [],
        followUps: followUps.map((f, j) => ({
          id: `f-${i}-${j}`,
          action: { th: 'ก', en: 'a' },
          owner: 'OAG',
          ...(f.due === undefined ? {} : { due: f.due }),
        })),
        source: { kind: 'record' },
      },
    ]);
    return {
      convened: null,
      views: [],
      outcomes: Object.fromEntries(entries),
      closed: null,
    } as unknown as ConsultationRegisterState;
  });

t.test("a consultation's overdue follow-ups are the same until the start of the day overdueFrom gives", (t) => {
  fc.assert(
    fc.property(register, instant, fractions, (state, asked, at) => {
      const view = (ms: number) => JSON.stringify(consultationView('c', state, dateInZone(iso(ms))));
      const answer = view(asked);
      const day = overdueFrom(state, dateInZone(iso(asked)));
      if (day === null) {
        for (const later of [asked + 1, asked + 3650 * DAY, ...at.map((f) => asked + f * 3650 * DAY)])
          if (view(later) !== answer) return false;
        return true;
      }
      // The read side's bound: the start of that day in Bangkok, the zone of the date the view is asked for.
      const end = Date.parse(startOfDay(day));
      if (!(end > asked)) return false;
      for (const t of within(asked, end, at)) if (view(t) !== answer) return false;
      return view(end) !== answer;
    }),
    { numRuns: 2000 },
  );
  t.end();
});
