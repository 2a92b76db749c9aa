import t from 'tap';
import type { DraftTextStatus } from '../../contracts/index.js';
import { given, history, id } from './spec.js';
import { bi, registerIssue, retract } from './fixtures.js';

const status = (status: DraftTextStatus, on = '2024-08-08') => ({
  type: 'ChangeDraftTextStatus' as const,
  issueId: 'scope',
  status,
  on,
});
const retitle = (en: string) => ({ type: 'RetitleIssue' as const, issueId: 'scope', title: bi(en) });
const close = { type: 'CloseIssue' as const, issueId: 'scope', on: '2024-12-24', reason: bi('Convention adopted') };

t.test('registers an issue with its chapter and articles', async (t) => {
  given()
    .when(registerIssue)
    .then(t, [
      {
        type: 'IssueRegistered',
        data: {
          issueId: 'scope',
          processId: 'ahc',
          code: 'AHC-SCOPE',
          title: bi('Title and scope'),
          refs: { chapter: 'I', articles: ['1', '2', '3', '4'] },
        },
      },
    ]);
});

t.test('refuses to register the same issue twice', async (t) => {
  given(history(registerIssue)).when(registerIssue).thenFails(t, 'issue_already_registered', 'conflict');
});

t.test('retitles an issue, but not to the title it already has', async (t) => {
  given(history(registerIssue))
    .when(retitle('Scope of application'))
    .then(t, [{ type: 'IssueRetitled', data: { issueId: 'scope', title: bi('Scope of application') } }]);
  given(history(registerIssue)).when(retitle('Title and scope')).thenFails(t, 'title_unchanged', 'invalid');
  given(history(registerIssue, retitle('Scope of application')))
    .when(retitle('Scope of application'))
    .thenFails(t, 'title_unchanged');
});

t.test('refuses to act on an issue never registered', async (t) => {
  given().when(retitle('x')).thenFails(t, 'issue_not_found', 'not_found');
  given().when(status('bracketed')).thenFails(t, 'issue_not_found', 'not_found');
  given().when(close).thenFails(t, 'issue_not_found', 'not_found');
});

t.test('moves the draft text through its statuses, naming where it came from', async (t) => {
  given(history(registerIssue))
    .when(status('bracketed', '2023-01-09'))
    .then(t, [{ type: 'DraftTextStatusChanged', data: { issueId: 'scope', status: 'bracketed', on: '2023-01-09' } }]);
  given(history(registerIssue, status('bracketed')))
    .when(status('agreed-ad-referendum'))
    .then(t, [
      {
        type: 'DraftTextStatusChanged',
        data: { issueId: 'scope', from: 'bracketed', status: 'agreed-ad-referendum', on: '2024-08-08' },
      },
    ]);
});

t.test('refuses a status change to the same status', async (t) => {
  given(history(registerIssue, status('bracketed')))
    .when(status('bracketed'))
    .thenFails(t, 'status_unchanged', 'conflict');
});

t.test('refuses any status change once the text is adopted', async (t) => {
  given(history(registerIssue, status('adopted')))
    .when(status('bracketed'))
    .thenFails(t, 'text_already_adopted', 'conflict');
});

t.test('closes an issue once, and a closed issue takes no more changes', async (t) => {
  given(history(registerIssue))
    .when(close)
    .thenEvents(t, ([event]) => t.equal(event?.type, 'IssueClosed'));
  const closed = history(registerIssue, close);
  given(closed).when(close).thenFails(t, 'issue_already_closed', 'conflict');
  given(closed).when(retitle('Other')).thenFails(t, 'issue_closed', 'conflict');
  given(closed).when(status('bracketed')).thenFails(t, 'issue_closed', 'conflict');
});

t.test('retracting a closure reopens the issue', async (t) => {
  given(history(registerIssue, close, retract('issue', 'scope', id(2))))
    .when(retitle('Other'))
    .thenEvents(t, ([event]) => t.equal(event?.type, 'IssueRetitled'));
});

t.test('retracting a retitle restores the previous title', async (t) => {
  const past = history(registerIssue, retitle('Scope of application'), retract('issue', 'scope', id(2)));
  given(past).when(retitle('Title and scope')).thenFails(t, 'title_unchanged');
});

// ---- follow-ups: things to be done on an issue, tracked until done or dropped ----

const commitment = (followUpId = 'commitment-4') => ({
  type: 'RecordFollowUp' as const,
  issueId: 'scope',
  followUpId,
  area: { id: 'law-enforcement', title: bi('Law enforcement, investigation and prosecution') },
  action: bi('Strengthen international cooperation in investigating online scam networks'),
  reference: 'Bangkok Joint Statement, commitment 4',
});
const progress = (status: 'open' | 'in-progress' | 'done' | 'dropped', followUpId = 'commitment-4') => ({
  type: 'ChangeFollowUpStatus' as const,
  issueId: 'scope',
  followUpId,
  status,
  on: '2026-02-01',
});

t.test('records a follow-up on an issue, in its area', async (t) => {
  given(history(registerIssue))
    .when(commitment())
    .then(t, [
      {
        type: 'FollowUpRecorded',
        data: {
          issueId: 'scope',
          followUpId: 'commitment-4',
          area: { id: 'law-enforcement', title: bi('Law enforcement, investigation and prosecution') },
          action: bi('Strengthen international cooperation in investigating online scam networks'),
          reference: 'Bangkok Joint Statement, commitment 4',
        },
      },
    ]);
});

t.test('refuses a second follow-up with the same id, and one on an issue never registered or closed', async (t) => {
  given(history(registerIssue, commitment())).when(commitment()).thenFails(t, 'follow_up_already_recorded', 'conflict');
  given().when(commitment()).thenFails(t, 'issue_not_found', 'not_found');
  given(history(registerIssue, close)).when(commitment()).thenFails(t, 'issue_closed', 'conflict');
});

t.test('a follow-up moves from open to in progress to done, each change naming where it came from', async (t) => {
  given(history(registerIssue, commitment()))
    .when(progress('in-progress'))
    .then(t, [
      {
        type: 'FollowUpStatusChanged',
        data: { issueId: 'scope', followUpId: 'commitment-4', from: 'open', status: 'in-progress', on: '2026-02-01' },
      },
    ]);
  given(history(registerIssue, commitment(), progress('in-progress')))
    .when(progress('done'))
    .thenEvents(t, ([event]) => t.match(event?.data, { from: 'in-progress', status: 'done' }));
});

t.test('refuses to move a follow-up that is not there, or to where it already stands', async (t) => {
  given(history(registerIssue, commitment()))
    .when(progress('done', 'commitment-5'))
    .thenFails(t, 'follow_up_not_found', 'not_found');
  given(history(registerIssue, commitment()))
    .when(progress('open'))
    .thenFails(t, 'follow_up_status_unchanged', 'conflict');
});

t.test('a retracted follow-up can no longer be moved, and its id may be recorded again', async (t) => {
  const retracted = history(registerIssue, commitment(), retract('issue', 'scope', id(2)));
  given(retracted).when(progress('done')).thenFails(t, 'follow_up_not_found');
  given(retracted)
    .when(commitment())
    .thenEvents(t, ([event]) => t.equal(event?.type, 'FollowUpRecorded'));
});
