import t from 'tap';
import { given, history, id } from './spec.js';
import { bi, retract, scheduleSession } from './fixtures.js';

const reschedule = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
  type: 'RescheduleSession' as const,
  sessionId: 'ahc-1',
  from,
  to,
  ...extra,
});
const conclude = (on: string) => ({
  type: 'ConcludeSession' as const,
  sessionId: 'ahc-1',
  on,
  result: 'completed' as const,
});

t.test('schedules a session with its venue and time zone', async (t) => {
  given()
    .when(scheduleSession)
    .then(t, [
      {
        type: 'SessionScheduled',
        data: {
          sessionId: 'ahc-1',
          processId: 'ahc',
          number: 1,
          title: bi('First session'),
          venue: { city: 'New York', timeZone: 'America/New_York' },
          from: '2022-02-28',
          to: '2022-03-11',
          format: 'in-person',
        },
      },
    ]);
});

t.test('accepts the dates of a session typed the Thai way', async (t) => {
  given()
    .when({ ...scheduleSession, from: '๓๐ พฤษภาคม ๒๕๖๕', to: '10 มิ.ย. 2565' })
    .thenEvents(t, ([event]) => {
      t.match(event?.data, { from: '2022-05-30', to: '2022-06-10' });
    });
});

t.test('refuses to schedule the same session twice', async (t) => {
  given(history(scheduleSession)).when(scheduleSession).thenFails(t, 'session_already_scheduled', 'conflict');
});

t.test('refuses a session that ends before it starts', async (t) => {
  given()
    .when({ ...scheduleSession, from: '2022-03-11', to: '2022-02-28' })
    .thenFails(t, 'session_ends_before_it_starts', 'invalid');
});

t.test('reschedules a session, keeping the venue when none is given', async (t) => {
  given(history({ ...scheduleSession, from: '2022-01-17', to: '2022-01-28' }))
    .when(reschedule('2022-02-28', '2022-03-11', { reason: bi('COVID-19') }))
    .then(t, [
      {
        type: 'SessionRescheduled',
        data: {
          sessionId: 'ahc-1',
          from: '2022-02-28',
          to: '2022-03-11',
          venue: { city: 'New York', timeZone: 'America/New_York' },
          reason: bi('COVID-19'),
        },
      },
    ]);
});

t.test('refuses a reschedule that changes nothing', async (t) => {
  given(history(scheduleSession))
    .when(reschedule('2022-02-28', '2022-03-11'))
    .thenFails(t, 'reschedule_changes_nothing', 'invalid');
  given(history(scheduleSession))
    .when(reschedule('2022-02-28', '2022-03-11', { venue: { timeZone: 'America/New_York', city: 'New York' } }))
    .thenFails(t, 'reschedule_changes_nothing');
  const vienna = { city: 'Vienna', timeZone: 'Europe/Vienna' };
  given(history(scheduleSession))
    .when(reschedule('2022-02-28', '2022-03-11', { venue: vienna }))
    .thenEvents(t, ([e]) => t.match(e?.data, { venue: vienna }));
});

t.test('refuses to reschedule a session that does not exist', async (t) => {
  given().when(reschedule('2022-02-28', '2022-03-11')).thenFails(t, 'session_not_found', 'not_found');
});

t.test('refuses to reschedule a concluded session', async (t) => {
  given(history(scheduleSession, conclude('2022-03-11')))
    .when(reschedule('2022-04-01', '2022-04-10'))
    .thenFails(t, 'session_concluded', 'conflict');
});

t.test('concludes a session, once', async (t) => {
  given(history(scheduleSession))
    .when(conclude('2022-03-11'))
    .then(t, [
      {
        type: 'SessionConcluded',
        data: { sessionId: 'ahc-1', on: '2022-03-11', result: 'completed', uncertain: false },
      },
    ]);
  given(history(scheduleSession, conclude('2022-03-11')))
    .when(conclude('2022-03-12'))
    .thenFails(t, 'session_already_concluded', 'conflict');
});

t.test('refuses to conclude a session before it starts', async (t) => {
  given(history(scheduleSession)).when(conclude('2022-02-01')).thenFails(t, 'concluded_before_start', 'invalid');
});

t.test('a retracted conclusion lets the session conclude again', async (t) => {
  const past = history(scheduleSession, conclude('2022-03-10'), retract('session', 'ahc-1', id(2)));
  given(past)
    .when(conclude('2022-03-11'))
    .thenEvents(t, ([event]) => t.equal(event?.type, 'SessionConcluded'));
});

t.test('refuses to retract an event that is not in this session stream', async (t) => {
  given(history(scheduleSession))
    .when(retract('session', 'ahc-1', id(99)))
    .thenFails(t, 'retraction_target_not_found', 'not_found');
});
