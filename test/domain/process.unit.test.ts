import t from 'tap';
import type { Milestone } from '../../contracts/index.js';
import { given, history, id } from './spec.js';
import { bi, registerProcess, retract } from './fixtures.js';

const milestone = (milestone: Milestone, on: string) => ({
  type: 'RecordMilestone' as const,
  processId: 'ahc',
  milestone,
  on,
});
const adopted = milestone('text-adopted', '2024-12-24');

t.test('registers a negotiation process', async (t) => {
  given()
    .when(registerProcess)
    .then(t, [
      {
        type: 'NegotiationProcessRegistered',
        data: {
          processId: 'ahc',
          kind: 'treaty-negotiation',
          title: bi('Ad Hoc Committee on cybercrime'),
          forum: 'UN General Assembly',
          mandate: ['A/RES/74/247'],
          leadAgency: 'MFA',
        },
      },
    ]);
});

t.test('refuses to register the same process twice', async (t) => {
  given(history(registerProcess)).when(registerProcess).thenFails(t, 'process_already_registered', 'conflict');
});

t.test('records a milestone with a Thai date, stored as ISO', async (t) => {
  given(history(registerProcess, adopted))
    .when(milestone('signed', '๒๕ ตุลาคม ๒๕๖๘'))
    .then(t, [
      {
        type: 'MilestoneRecorded',
        data: { processId: 'ahc', milestone: 'signed', on: '2025-10-25', uncertain: false },
      },
    ]);
});

t.test('refuses a milestone for a process never registered', async (t) => {
  given().when(milestone('signed', '2025-10-25')).thenFails(t, 'process_not_found', 'not_found');
});

t.test('records a once-only milestone only once, but reservations many times', async (t) => {
  const past = history(
    registerProcess,
    adopted,
    milestone('signed', '2025-10-25'),
    milestone('reservation-made', '2025-10-25'),
  );
  given(past).when(milestone('signed', '2025-10-26')).thenFails(t, 'milestone_already_recorded', 'conflict');
  t.equal(given(past).when(milestone('reservation-made', '2025-11-01')).events().length, 1);
});

t.test('refuses a ratification before a signature', async (t) => {
  given(history(registerProcess, adopted))
    .when(milestone('ratified', '2026-01-01'))
    .thenFails(t, 'milestone_out_of_order', 'conflict');
  t.equal(
    given(history(registerProcess, adopted, milestone('signed', '2025-10-25')))
      .when(milestone('ratified', '2026-01-01'))
      .events().length,
    1,
  );
});

t.test('refuses a signature after an accession', async (t) => {
  given(history(registerProcess, adopted, milestone('acceded', '2026-01-01')))
    .when(milestone('signed', '2026-02-01'))
    .thenFails(t, 'milestone_out_of_order');
});

t.test('a retracted signature can be recorded again', async (t) => {
  const past = history(registerProcess, adopted, milestone('signed', '2025-10-24'), retract('process', 'ahc', id(3)));
  given(past)
    .when(milestone('signed', '2025-10-25'))
    .thenEvents(t, (events) => t.equal(events[0]?.type, 'MilestoneRecorded'));
});

t.test('refuses to retract a registration while milestones rest on it', async (t) => {
  given(history(registerProcess, adopted))
    .when(retract('process', 'ahc', id(1)))
    .thenFails(t, 'retraction_has_dependents', 'conflict');
  given(history(registerProcess))
    .when(retract('process', 'ahc', id(1)))
    .thenEvents(t, (events) => t.equal(events[0]?.type, 'EntryRetracted'));
});
