import t from 'tap';
import { z } from 'zod';
import {
  COMMAND_TYPES,
  DateInput,
  LedgerCommand,
  commandBodies,
  commandDateFields,
  datesTooFarAhead,
  latestDateFrom,
} from '../../contracts/index.js';

const DATE_DESCRIPTION = DateInput.meta()?.description;

/** The paths of every DateInput in a JSON schema (the input side), as commandDateFields writes them. */
function datePaths(schema: unknown, prefix = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as { properties?: Record<string, unknown>; items?: unknown; description?: string };
  if (node.description === DATE_DESCRIPTION && prefix !== '') return [prefix];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(node.properties ?? {}))
    found.push(...datePaths(inner, prefix === '' ? key : `${prefix}.${key}`));
  if (node.items !== undefined) found.push(...datePaths(node.items, `${prefix}[]`));
  return found;
}

t.test('every date a command takes is listed in commandDateFields, so none escapes the bound ahead', async (t) => {
  t.ok(DATE_DESCRIPTION);
  for (const type of COMMAND_TYPES) {
    const schema = z.toJSONSchema(commandBodies[type], { io: 'input', unrepresentable: 'any' });
    t.same([...commandDateFields[type]].sort(), datePaths(schema).sort(), type);
  }
});

t.test(
  'a command may date something up to five years after today, not a day more, and each date too far is named',
  async (t) => {
    t.equal(latestDateFrom('2026-03-15'), '2031-03-15');
    const session = (from: string, to: string) =>
      LedgerCommand.parse({
        type: 'ScheduleSession',
        sessionId: 's',
        processId: 'p',
        title: { th: 'ก', en: 'a' },
        venue: { city: 'Vienna', timeZone: 'Europe/Vienna' },
        from,
        to,
      });
    t.same(datesTooFarAhead(session('2031-03-14', '2031-03-15'), '2026-03-15'), []);
    t.same(datesTooFarAhead(session('2031-03-15', '2031-03-16'), '2026-03-15'), [
      { pointer: '/to', value: '2031-03-16', latest: '2031-03-15' },
    ]);
    t.same(
      datesTooFarAhead(session('2040-01-01', '2040-01-02'), '2026-03-15').map((d) => d.pointer),
      ['/from', '/to'],
    );
    // From 29 February the latest day is the 28th, or the 29th when that year has one.
    t.same(
      datesTooFarAhead(session('2029-02-28', '2029-03-01'), '2024-02-29').map((d) => d.pointer),
      ['/to'],
    );
    const outcome = LedgerCommand.parse({
      type: 'RecordConsultationOutcome',
      consultationId: '0b7a4e2d-9c11-4e2d-9c11-0b7a4e2d9c11',
      issueId: 'i',
      outcome: 'deferred',
      summary: { th: 'ก', en: 'a' },
      followUps: [
        { id: 'a', action: { th: 'ก', en: 'a' }, owner: 'MFA', due: '2027-01-01' },
        { id: 'b', action: { th: 'ก', en: 'a' }, owner: 'MFA', due: '2099-01-01' },
      ],
    });
    t.same(datesTooFarAhead(outcome, '2026-03-15'), [
      { pointer: '/followUps/1/due', value: '2099-01-01', latest: '2031-03-15' },
    ]);
  },
);
