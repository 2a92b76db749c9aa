import t from 'tap';
import type { DraftTextStatus } from '../../contracts/index.js';
import { given, history, id } from './spec.js';
import { bi, registerIssue, retract } from './fixtures.js';

const status = (status: DraftTextStatus, on = '2024-08-08') => ({ type: 'ChangeDraftTextStatus' as const, issueId: 'scope', status, on });
const retitle = (en: string) => ({ type: 'RetitleIssue' as const, issueId: 'scope', title: bi(en) });
const close = { type: 'CloseIssue' as const, issueId: 'scope', on: '2024-12-24', reason: bi('Convention adopted') };

t.test('registers an issue with its chapter and articles', async (t) => {
  given().when(registerIssue).then(t, [
    {
      type: 'IssueRegistered',
      data: { issueId: 'scope', processId: 'ahc', code: 'AHC-SCOPE', title: bi('Title and scope'), refs: { chapter: 'I', articles: ['1', '2', '3', '4'] } },
    },
  ]);
});

t.test('refuses to register the same issue twice', async (t) => {
  given(history(registerIssue)).when(registerIssue).thenFails(t, 'issue_already_registered', 'conflict');
});

t.test('retitles an issue, but not to the title it already has', async (t) => {
  given(history(registerIssue)).when(retitle('Scope of application')).then(t, [{ type: 'IssueRetitled', data: { issueId: 'scope', title: bi('Scope of application') } }]);
  given(history(registerIssue)).when(retitle('Title and scope')).thenFails(t, 'title_unchanged', 'invalid');
  given(history(registerIssue, retitle('Scope of application'))).when(retitle('Scope of application')).thenFails(t, 'title_unchanged');
});

t.test('refuses to act on an issue never registered', async (t) => {
  given().when(retitle('x')).thenFails(t, 'issue_not_found', 'not_found');
  given().when(status('bracketed')).thenFails(t, 'issue_not_found', 'not_found');
  given().when(close).thenFails(t, 'issue_not_found', 'not_found');
});

t.test('moves the draft text through its statuses, naming where it came from', async (t) => {
  given(history(registerIssue)).when(status('bracketed', '2023-01-09')).then(t, [
    { type: 'DraftTextStatusChanged', data: { issueId: 'scope', status: 'bracketed', on: '2023-01-09' } },
  ]);
  given(history(registerIssue, status('bracketed'))).when(status('agreed-ad-referendum')).then(t, [
    { type: 'DraftTextStatusChanged', data: { issueId: 'scope', from: 'bracketed', status: 'agreed-ad-referendum', on: '2024-08-08' } },
  ]);
});

t.test('refuses a status change to the same status', async (t) => {
  given(history(registerIssue, status('bracketed'))).when(status('bracketed')).thenFails(t, 'status_unchanged', 'conflict');
});

t.test('refuses any status change once the text is adopted', async (t) => {
  given(history(registerIssue, status('adopted'))).when(status('bracketed')).thenFails(t, 'text_already_adopted', 'conflict');
});

t.test('closes an issue once, and a closed issue takes no more changes', async (t) => {
  given(history(registerIssue)).when(close).thenEvents(t, ([event]) => t.equal(event?.type, 'IssueClosed'));
  const closed = history(registerIssue, close);
  given(closed).when(close).thenFails(t, 'issue_already_closed', 'conflict');
  given(closed).when(retitle('Other')).thenFails(t, 'issue_closed', 'conflict');
  given(closed).when(status('bracketed')).thenFails(t, 'issue_closed', 'conflict');
});

t.test('retracting a closure reopens the issue', async (t) => {
  given(history(registerIssue, close, retract('issue', 'scope', id(2)))).when(retitle('Other')).thenEvents(t, ([event]) => t.equal(event?.type, 'IssueRetitled'));
});

t.test('retracting a retitle restores the previous title', async (t) => {
  const past = history(registerIssue, retitle('Scope of application'), retract('issue', 'scope', id(2)));
  given(past).when(retitle('Title and scope')).thenFails(t, 'title_unchanged');
});
