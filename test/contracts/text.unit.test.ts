import t from 'tap';
import { Bilingual, Principal, commandBodies, commandSchemas, LedgerCommand } from '../../contracts/index.js';

t.test('normalises Thai text to NFC and trims it', async (t) => {
  // "กู่" typed tone mark first (MAI EK, ccc 107) then SARA UU (ccc 103): NFC puts the vowel first,
  // so the two spellings compare equal once stored.
  const typed = 'ก\u0E48\u0E39';
  const canonical = 'ก\u0E39\u0E48';
  t.not(typed, canonical);
  t.equal(Bilingual.parse({ th: `  ${typed}  `, en: 'x' }).th, canonical);
  t.equal(
    Bilingual.parse({ th: 'ท่าที', en: ' Cafe\u0301 ' }).en,
    'Café',
    'combining accents compose, and text is trimmed',
  );
});

t.test('refuses empty or blank bilingual text', async (t) => {
  t.notOk(Bilingual.safeParse({ th: '   ', en: 'x' }).success);
  t.notOk(Bilingual.safeParse({ th: 'ก', en: '' }).success);
  t.notOk(Bilingual.safeParse({ th: 'ก' }).success, 'both languages are required');
});

t.test('rejects unknown fields in commands, nested ones too', async (t) => {
  const base = { issueId: 'scope', stance: 'support', summary: { th: 'ก', en: 'a' } };
  t.ok(commandBodies.DraftPosition.safeParse(base).success);
  const top = commandBodies.DraftPosition.safeParse({ ...base, approvedBy: 'me' });
  t.notOk(top.success);
  t.match(top.error?.issues[0], { code: 'unrecognized_keys', keys: ['approvedBy'] });
  t.notOk(commandBodies.DraftPosition.safeParse({ ...base, summary: { th: 'ก', en: 'a', fr: 'b' } }).success);
  t.notOk(
    commandBodies.DraftPosition.safeParse({ ...base, redLines: { level: 'secret', value: [], note: 'x' } }).success,
  );
});

t.test('rejects wrong types and unknown enum values', async (t) => {
  t.notOk(
    commandBodies.EndorsePosition.safeParse({
      issueId: 'scope',
      version: '1',
      authority: 'mfa',
      decisionRef: 'x',
      decidedOn: '2024-01-23',
    }).success,
  );
  t.notOk(
    commandBodies.EndorsePosition.safeParse({
      issueId: 'scope',
      version: 1,
      authority: 'king',
      decisionRef: 'x',
      decidedOn: '2024-01-23',
    }).success,
  );
  t.notOk(
    commandBodies.RecordAgencyView.safeParse({
      consultationId: 'not-a-uuid',
      issueId: 'scope',
      agency: 'OAG',
      stance: 'support',
      summary: { th: 'ก', en: 'a' },
    }).success,
  );
  t.notOk(
    commandBodies.RecordAgencyView.safeParse({
      consultationId: '6f1c2a34-7d1e-4b8a-9c3d-2e5f6a7b8c9d',
      issueId: 'scope',
      agency: 'CIA',
      stance: 'support',
      summary: { th: 'ก', en: 'a' },
    }).success,
  );
});

t.test('refuses slugs that would break stream names', async (t) => {
  t.notOk(
    commandBodies.RegisterIssue.safeParse({
      issueId: 'Scope Issue',
      processId: 'ahc',
      code: 'X',
      title: { th: 'ก', en: 'a' },
    }).success,
  );
  t.notOk(
    commandBodies.RegisterIssue.safeParse({
      issueId: 'scope--x',
      processId: 'ahc',
      code: 'X',
      title: { th: 'ก', en: 'a' },
    }).success,
  );
});

t.test('refuses repeated participants or agenda issues', async (t) => {
  const convene = {
    consultationId: '6f1c2a34-7d1e-4b8a-9c3d-2e5f6a7b8c9d',
    title: { th: 'ก', en: 'a' },
    heldOn: '2021-12-28',
    convener: 'MFA',
    participants: ['MFA', 'OAG'],
    agenda: ['scope'],
  };
  t.ok(commandBodies.ConveneConsultation.safeParse(convene).success);
  t.notOk(commandBodies.ConveneConsultation.safeParse({ ...convene, participants: ['MFA', 'MFA'] }).success);
  t.notOk(commandBodies.ConveneConsultation.safeParse({ ...convene, agenda: ['scope', 'scope'] }).success);
});

t.test('a command is told apart by its type, and the type must match the body', async (t) => {
  const parsed = LedgerCommand.parse({
    type: 'CloseIssue',
    issueId: 'scope',
    on: '๒๔ ธันวาคม ๒๕๖๗',
    reason: { th: 'ก', en: 'a' },
  });
  t.match(parsed, { type: 'CloseIssue', on: '2024-12-24' });
  t.notOk(LedgerCommand.safeParse({ type: 'CloseIssue', issueId: 'scope' }).success);
  t.notOk(LedgerCommand.safeParse({ type: 'DeleteEverything' }).success);
  t.ok(
    commandSchemas.CloseIssue.safeParse({
      type: 'CloseIssue',
      issueId: 'scope',
      on: '2024-12-24',
      reason: { th: 'ก', en: 'a' },
    }).success,
  );
});

t.test('a principal names a known agency, known roles without repeats, and a clearance', async (t) => {
  t.ok(Principal.safeParse({ id: 'u', agency: 'NCSA', roles: ['agency-officer'], clearance: 'confidential' }).success);
  t.notOk(Principal.safeParse({ id: 'u', agency: 'NCSA', roles: [], clearance: 'confidential' }).success);
  t.notOk(
    Principal.safeParse({ id: 'u', agency: 'NCSA', roles: ['admin', 'admin'], clearance: 'confidential' }).success,
  );
  t.notOk(Principal.safeParse({ id: 'u', agency: 'NCSA', roles: ['king'], clearance: 'confidential' }).success);
  t.notOk(Principal.safeParse({ id: 'u', agency: 'NCSA', roles: ['admin'], clearance: 'cosmic' }).success);
});

t.test('UUIDs and retraction stream ids are lower-cased, so one consultation has one stream', async (t) => {
  const upper = '5E2A8C1D-2021-4C28-9D12-28122021A001';
  const parsed = commandBodies.CloseConsultation.parse({ consultationId: upper, on: '2021-12-28' });
  t.equal(parsed.consultationId, upper.toLowerCase());
  const retraction = commandBodies.RetractEntry.parse({
    stream: { kind: 'consultation', id: upper },
    targetEventId: upper,
    reason: { th: 'ก', en: 'a' },
  });
  t.equal(retraction.stream.id, upper.toLowerCase());
  t.equal(retraction.targetEventId, upper.toLowerCase());
  t.notOk(
    commandBodies.RetractEntry.safeParse({
      stream: { kind: 'issue', id: 'a/../b' },
      targetEventId: upper,
      reason: { th: 'ก', en: 'a' },
    }).success,
  );
});
