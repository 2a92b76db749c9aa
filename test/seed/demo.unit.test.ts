// The demo data decides cleanly when folded through the deciders in order (no store), and carries
// no personal contact data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { LedgerEvent } from '../../contracts/index.js';
import {
  LedgerCommand,
  Principal,
  currentSchemaVersion,
  eventCatalog,
  parseStoredEvent,
} from '../../contracts/index.js';
import { mayIssue } from '../../src/domain/index.js';
import { demoSeed, loadSeed } from '../../src/seed/demo.js';
import { decideSteps } from './decide.js';

interface Folded {
  streams: Map<string, LedgerEvent[]>;
  byKey: Map<string, { stream: string; event: LedgerEvent; eventId: string }>;
}

/** Run the whole seed through the domain, the way the application would, with counter ids. */
function foldSeed(): Folded {
  const streams = new Map<string, LedgerEvent[]>();
  const byKey = new Map<string, { stream: string; event: LedgerEvent; eventId: string }>();
  for (const d of decideSteps(demoSeed())) {
    streams.set(d.streamName, [...(streams.get(d.streamName) ?? []), d.event]);
    if (!byKey.has(d.key)) byKey.set(d.key, { stream: d.streamName, event: d.event, eventId: d.eventId });
  }
  return { streams, byKey };
}

t.test('the whole demo timeline decides cleanly, in order, through the deciders', async (t) => {
  const { streams, byKey } = foldSeed();
  t.equal(byKey.size, demoSeed().length, 'every step appended an event');
  t.ok(streams.size >= 35, `${streams.size} streams`);
});

t.test('every demo event survives the trip through JSON and back through its contract', async (t) => {
  for (const { event, key } of decideSteps(demoSeed())) {
    const stored: unknown = JSON.parse(JSON.stringify(event.data));
    t.same(parseStoredEvent(event.type, stored, currentSchemaVersion(event.type)), event, key);
  }
});

t.test('every step is issued by a principal whose roles allow the command', async (t) => {
  for (const step of demoSeed()) {
    t.ok(Principal.safeParse(step.actor).success, step.key);
    t.ok(mayIssue(step.actor, LedgerCommand.parse(step.command).type), `${step.key} by ${step.actor.id}`);
  }
});

t.test('idempotency keys are unique and steps are in valid-time order', async (t) => {
  const steps = demoSeed();
  t.equal(new Set(steps.map((s) => s.key)).size, steps.length);
  for (let i = 1; i < steps.length; i++) {
    const [prev, next] = [steps[i - 1], steps[i]];
    if (prev && next) t.ok(prev.occurredAt <= next.occurredAt, `${prev.key} before ${next.key}`);
  }
});

t.test('the seed holds what domain.md asks for', async (t) => {
  const { streams, byKey } = foldSeed();
  const types = (stream: string) => (streams.get(stream) ?? []).map((e) => e.type);
  // the AHC process with its mandate, adoption and Thailand's signature in Hanoi
  t.match(byKey.get('demo:ahc:milestone:signed')?.event, {
    type: 'MilestoneRecorded',
    data: { milestone: 'signed', on: '2025-10-25', place: 'Hanoi' },
  });
  t.match(byKey.get('demo:ahc:milestone:adopted')?.event, {
    data: { milestone: 'text-adopted', on: '2024-12-24', reference: 'A/RES/79/243' },
  });
  // sessions with numbers, venues and time zones; session 1 moved from January
  t.match(byKey.get('demo:ahc-1:schedule')?.event, {
    data: { number: 1, from: '2022-01-17', venue: { city: 'New York', timeZone: 'America/New_York' } },
  });
  t.match(byKey.get('demo:ahc-2:schedule')?.event, {
    data: { number: 2, from: '2022-05-30', to: '2022-06-10', venue: { timeZone: 'Europe/Vienna' } },
  });
  t.same(types('session-ahc-1'), ['SessionScheduled', 'SessionRescheduled', 'SessionConcluded']);
  t.match(byKey.get('demo:ahc-concluding:conclude')?.event, { data: { result: 'suspended' } });
  // the consultation of 28 December 2021 with the six agencies and MFA, its outcome and a correction
  const convened = byKey.get('demo:c-2021-12-28:convene')?.event;
  t.match(convened, { type: 'ConsultationConvened', data: { heldOn: '2021-12-28', convener: 'MFA' } });
  if (convened?.type === 'ConsultationConvened')
    t.same([...convened.data.participants].sort(), ['MDES', 'MFA', 'MOJ', 'NCSA', 'NSC', 'OAG', 'RTP']);
  t.match(byKey.get('demo:c-2021-12-28:outcome:ahc-scope')?.event, {
    data: { outcome: 'majority', recommendedStance: 'listening' },
  });
  t.match(byKey.get('demo:c-2021-12-28:retract:mdes-scope-mistake')?.event, {
    type: 'EntryRetracted',
    data: { targetType: 'AgencyViewRecorded' },
  });
  // the Cabinet framework of 23 January 2024
  t.match(byKey.get('demo:ahc-offences:v2:endorse')?.event, {
    data: { authority: 'cabinet', decidedOn: '2024-01-23' },
  });
  // the OEWG position and the Bangkok Joint Statement as further processes
  t.match(byKey.get('demo:oewg:milestone:position-launched')?.event, { data: { on: '2025-07-08' } });
  t.match(byKey.get('demo:gpos-bangkok-2025:schedule')?.event, { data: { from: '2025-12-17', to: '2025-12-18' } });
});

t.test('positions beyond the sources are marked illustrative by their source, not in their text', async (t) => {
  const sourced = new Set([
    // Stated by seed 003 (what the 28 Dec 2021 consultation agreed), seed 000 (the OEWG position) and seed 001 (the
    // ASEAN conference).
    'ahc-scope:1',
    'ahc-offences:1',
    'ahc-international-cooperation:1',
    'ahc-technical-assistance:1',
    'ahc-procedural-measures:1',
    'oewg-international-law:1',
    'amcc-capacity-building:1',
    'amcc-cii-protection:1',
  ]);
  let drafts = 0;
  for (const step of demoSeed()) {
    const c = step.command;
    if (c.type !== 'DraftPosition') continue;
    drafts++;
    const id = `${c.issueId}:${step.key.split(':')[2]?.slice(1) ?? ''}`;
    t.equal(step.source?.kind ?? 'record', sourced.has(id) ? 'record' : 'illustrative', id);
    if (step.source?.kind === 'illustrative')
      t.ok(step.source.note?.th && step.source.note.en, `${id} says in both languages what is illustrative`);
  }
  t.ok(drafts >= 20, `${drafts} drafts`);
});

t.test(
  'what the sources do not state is marked illustrative or uncertain: endorsements of 28 Dec 2021, statements, session dates',
  async (t) => {
    const kind = (key: string) => demoSeed().find((s) => s.key === key)?.source?.kind ?? 'record';
    for (const key of [
      'demo:ahc-scope:v1:endorse',
      'demo:ahc-scope:statement:ahc-1',
      'demo:ahc-2:schedule',
      'demo:c-2021-12-28:view:oag-offences',
      'demo:c-framework:convene',
      'demo:oewg-international-law:v1:endorse',
    ]) {
      t.equal(kind(key), 'illustrative', key);
    }
    for (const key of [
      'demo:ahc:milestone:text-approved',
      'demo:ahc:milestone:delegation-request',
      'demo:ahc-concluding-resumed:conclude',
      'demo:gpos:milestone:joint-statement',
    ]) {
      t.equal(kind(key), 'uncertain', key);
    }
    for (const key of [
      'demo:ahc-scope:v1:draft',
      'demo:c-2021-12-28:outcome:ahc-scope',
      'demo:ahc:milestone:signed',
      'demo:amcc-cii-protection:statement:amcc-5',
    ]) {
      t.equal(kind(key), 'record', key);
    }
  },
);

t.test('no demo text carries a marker of its standing: "(illustrative)", "(ตัวอย่าง)" or "(?)"', async (t) => {
  const text = JSON.stringify(demoSeed().map((s) => s.command));
  t.notMatch(text, /\(illustrative\)|\(ตัวอย่าง\)|\(\?\)/);
});

t.test('uncertain facts keep their flag where the event has one', async (t) => {
  const { byKey } = foldSeed();
  for (const key of [
    'demo:ahc:milestone:text-approved',
    'demo:ahc:milestone:delegation-request',
    'demo:ahc-concluding-resumed:conclude',
  ]) {
    t.match(byKey.get(key)?.event.data, { uncertain: true }, key);
  }
});

t.test(
  "Thailand's line on critical information infrastructure at the 5th ASEAN cyber ministerial is on record",
  async (t) => {
    const { byKey } = foldSeed();
    t.match(byKey.get('demo:amcc-cii-protection:register')?.event, {
      data: { processId: 'amcc', title: { en: /critical information infrastructure/i } },
    });
    t.match(byKey.get('demo:amcc-cii-protection:statement:amcc-5')?.event, {
      data: { sessionId: 'amcc-5', deliveredOn: '2020-10-07', summary: { th: /ASEAN CII Protection Framework/ } },
    });
  },
);

t.test(
  'the 26 commitments of the Bangkok Joint Statement are follow-ups on it, in their 5 areas, on record',
  async (t) => {
    const { streams } = foldSeed();
    const recorded = (streams.get('issue-gpos-joint-statement') ?? []).flatMap((e) =>
      e.type === 'FollowUpRecorded' ? [e.data] : [],
    );
    t.equal(recorded.length, 26);
    t.same(
      recorded.map((f) => f.followUpId),
      Array.from({ length: 26 }, (_, i) => `commitment-${i + 1}`),
    );
    const perArea = new Map<string, number>();
    for (const f of recorded) perArea.set(f.area?.id ?? '', (perArea.get(f.area?.id ?? '') ?? 0) + 1);
    t.same([...perArea.values()], [3, 10, 4, 3, 6], 'five areas: ก 1-3, ข 4-13, ค 14-17, ง 18-20, จ 21-26');
    t.match(
      recorded[1]?.action.th,
      /อนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมไซเบอร์/,
      'commitment 2 promotes joining the Convention',
    );
    for (const step of demoSeed().filter((s) => s.command.type === 'RecordFollowUp'))
      t.equal(step.source?.kind, 'record', step.key);
  },
);

// A Thai number: 0 or +66 and 8-9 more digits (Thai or Arabic), single spaces or dashes between; or the words.
const PHONE = /(?<![\w๐-๙-])(?:\+66|0|๐)(?:[\s-]?[0-9๐-๙]){8,9}(?![\w๐-๙-])|โทรศัพท์|โทรสาร|มือถือ/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;

/**
 * The contact block of the MFA letter (seed 003), read at run time so that no official's name or
 * number is written into this repository: the lines from the first telephone line to the e-mail line.
 */
function sourceContactBlock(): string {
  const letter = readFileSync(
    fileURLToPath(new URL('../../../shared/seeds/003_c6629e3902a9c0e5.txt', import.meta.url)),
    'utf8',
  );
  const lines = letter.split('\n');
  const first = lines.findIndex((line) => line.includes('โทรศัพท์'));
  const last = lines.findIndex((line) => EMAIL.test(line));
  return first === -1 || last < first ? '' : lines.slice(first, last + 1).join('\n');
}

t.test('carries no phone numbers or e-mail addresses', async (t) => {
  // The patterns catch made-up numbers of each shape the letters use.
  t.match('โทรศัพท์ ๐ ๒๑๒๓ ๔๕๖๗ ต่อ ๑๒๓๔๕', PHONE);
  t.match('๐๘๑ ๒๓๔ ๕๖๗๘', PHONE);
  t.match('call 0 2123 4567 now', PHONE);
  t.match('+66 2 123 4567', PHONE);
  t.notMatch('00000000-0000-4000-8000-000000000000', PHONE, 'a uuid is not a phone number');
  t.match('someone@example.go.th', EMAIL);
  const text = JSON.stringify(demoSeed());
  t.notMatch(text, PHONE);
  t.notMatch(text, EMAIL);
});

t.test("copies nothing of the source letter's contact block, not even the officer's name", async (t) => {
  const block = sourceContactBlock();
  t.ok(block.length > 0, 'seed 003 has a contact block (telephone to e-mail)');
  // Every word of the block that names no office: numbers, the officer's name, the e-mail's local part.
  const tokens = block
    .split(/[\s()]+/)
    .flatMap((word) => word.split('@'))
    .filter((word) => word.length >= 4 && !/^(โทรศัพท์|โทรสาร|ต่อ|ไปรษณีย์อิเล็กทรอนิกส์|นางสาว|mfa\.go\.th)$/.test(word));
  const names = tokens
    .map((word) => word.replace(/^นางสาว/, '').split('.')[0] ?? '')
    .filter((word) => word.length >= 4 && !/^[0-9๐-๙]+$/.test(word));
  t.ok(names.length >= 2, 'the block names someone (surname and given name or e-mail name)');
  const text = JSON.stringify(demoSeed());
  for (const name of names) t.notOk(text.includes(name), 'a name of the contact block is not in the demo data');
  const digits = block.match(/[0-9๐-๙][0-9๐-๙ ]{6,}[0-9๐-๙]/g) ?? [];
  t.ok(digits.length >= 2, 'the block has numbers');
  for (const number of digits) t.notOk(text.includes(number), 'a number of the contact block is not in the demo data');
});

t.test('does not copy the OCR slips or the wrong year of seed 003', async (t) => {
  const text = JSON.stringify(demoSeed());
  t.notMatch(text, /สภาพความมั่นคง/, 'สภาพ for สภา');
  t.notMatch(text, /ทำที/, 'ทำที for ท่าที');
  t.notMatch(text, /พ\.ศ\. ?(๒๕๕๘|2558)/, 'the Royal Decree is of B.E. 2548, not 2558');
});

t.test('classified fields in the seed carry a marking above unclassified', async (t) => {
  const { byKey } = foldSeed();
  let seen = 0;
  for (const { event } of byKey.values()) {
    for (const field of eventCatalog[event.type].classifiedFields) {
      const value: unknown = Reflect.get(event.data, field);
      if (
        value &&
        typeof value === 'object' &&
        'level' in value &&
        'value' in value &&
        Array.isArray(value.value) &&
        value.value.length > 0
      ) {
        seen++;
        t.not(value.level, 'unclassified', `${event.type}.${field}`);
      }
    }
  }
  t.ok(seen >= 5, `${seen} classified fields with content`);
});

t.test('loading through an execute function runs every step once and fills in references', async (t) => {
  const seen: string[] = [];
  const ids = new Map<string, string>();
  const report = await loadSeed(demoSeed(), async (command, ctx) => {
    seen.push(ctx.idempotencyKey);
    if (command.type === 'RetractEntry')
      t.equal(command.targetEventId, ids.get('demo:c-2021-12-28:view:mdes-scope-mistake'));
    const id = `id-${seen.length}`;
    ids.set(ctx.idempotencyKey, id);
    return { eventIds: [id], replayed: false };
  });
  t.same(report, { steps: demoSeed().length, appended: demoSeed().length, replayed: 0 });
  t.same(
    seen,
    demoSeed().map((s) => s.key),
  );
});
