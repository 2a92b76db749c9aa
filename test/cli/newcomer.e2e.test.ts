// The README's walk-through against the ledger as `npm start` runs it (embedded store on a fresh data
// directory, demo data loaded, read side, HTTP): tokens per agency, a consultation with three agencies'
// views and an outcome, a position drafted on that basis and endorsed, read back through the read API,
// and every one of those events seen by an auditor through /v1/audit/events.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { z } from 'zod';
import type { Agency, Clearance, Role } from '../../contracts/index.js';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';

const WriteAnswer = z.object({
  eventIds: z.array(z.string()),
  streamName: z.string(),
  position: z.object({ commit: z.string() }),
});
const AuditPage = z.object({
  events: z.array(z.object({ eventId: z.string(), type: z.string(), streamName: z.string() })),
  next: z.string().nullable().optional(),
});

t.test('a newcomer records a consultation and a position and reads both back through the API', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-newcomer-'));
  const running = await startLedger(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }),
    pino({ level: 'silent' }),
  );
  t.teardown(() => running.close());
  t.ok(running.seeded !== undefined, 'the demo data was loaded, as on a first npm start');

  const token = async (agency: Agency, roles: Role[], clearance: Clearance = 'unclassified') =>
    (
      await running.tokens.create({
        id: `${agency.toLowerCase()}-${roles.join('-')}-${randomUUID().slice(0, 6)}`,
        agency,
        roles,
        clearance,
      })
    ).token;
  const mfa = await token('MFA', ['negotiator', 'approver'], 'secret');
  const officers = {
    OAG: await token('OAG', ['agency-officer']),
    RTP: await token('RTP', ['agency-officer']),
    NCSA: await token('NCSA', ['agency-officer']),
  };
  const auditor = await token('OAG', ['auditor'], 'top-secret');

  const post = async (url: string, bearer: string, body: unknown) => {
    const res = await fetch(`${running.url}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    t.equal(res.status, 201, `POST ${url}`, { body: await res.clone().text() });
    return { ...WriteAnswer.parse(await res.json()), location: res.headers.get('location') };
  };
  const get = async (url: string, bearer: string): Promise<unknown> => {
    const res = await fetch(`${running.url}${url}`, { headers: { authorization: `Bearer ${bearer}` } });
    t.equal(res.status, 200, `GET ${url}`);
    return res.json();
  };
  const text = (en: string) => ({ th: `ไทย: ${en}`, en });

  const issue = await post('/v1/issues', mfa, {
    issueId: 'ahc-jurisdiction',
    processId: 'ahc',
    code: 'ART-22',
    title: text('Jurisdiction'),
  });
  const convened = await post('/v1/consultations', mfa, {
    title: text('Consultation on jurisdiction'),
    heldOn: '๒๕ พฤศจิกายน ๒๕๖๙',
    convener: 'MFA',
    participants: ['MFA', 'OAG', 'RTP', 'NCSA'],
    agenda: ['ahc-jurisdiction'],
  });
  t.match(convened.location, /^\/v1\/consultations\/[0-9a-f-]{36}$/);
  const consultation = convened.location ?? '';
  const consultationId = consultation.split('/').at(-1) ?? '';
  const views = [];
  for (const [agency, stance] of [
    ['OAG', 'support'],
    ['RTP', 'support-with-amendments'],
    ['NCSA', 'flexible'],
  ] as const) {
    views.push(
      await post(`${consultation}/views`, officers[agency], {
        issueId: 'ahc-jurisdiction',
        agency,
        stance,
        summary: text(`${agency} view`),
      }),
    );
  }
  const outcome = await post(`${consultation}/outcomes`, mfa, {
    issueId: 'ahc-jurisdiction',
    outcome: 'consensus',
    recommendedStance: 'support',
    summary: text('Consensus to support'),
    supporting: ['OAG', 'RTP', 'NCSA'],
  });
  const basisIds = [...views.map((v) => v.eventIds[0] ?? ''), outcome.eventIds[0] ?? ''];
  const drafted = await post('/v1/issues/ahc-jurisdiction/position/drafts', mfa, {
    stance: 'support',
    summary: text('Thailand supports territorial jurisdiction'),
    basis: { consultationIds: [consultationId], eventIds: basisIds },
  });
  const endorsed = await post('/v1/issues/ahc-jurisdiction/position/endorsements', mfa, {
    version: 1,
    authority: 'mfa',
    decisionRef: 'กต 0803/1234',
    decidedOn: '2026-11-27',
  });

  const position = await get(`${endorsed.location ?? ''}?minPosition=${endorsed.position.commit}`, mfa);
  t.match(
    position,
    { position: { issueId: 'ahc-jurisdiction', inForce: { version: 1, stance: 'support', authority: 'mfa' } } },
    'the endorsed position reads back',
  );
  const inputs = z
    .object({
      position: z.object({
        inForce: z.object({ basis: z.object({ inputs: z.array(z.object({ eventId: z.string() })) }) }),
      }),
    })
    .parse(position);
  t.same(
    inputs.position.inForce.basis.inputs.map((i) => i.eventId).sort(),
    [...basisIds].sort(),
    'with the three views and the outcome as its basis',
  );

  const written = [issue, convened, ...views, outcome, drafted, endorsed].flatMap((w) => w.eventIds);
  const seen: string[] = [];
  for (const stream of ['issue-ahc-jurisdiction', `consultation-${consultationId}`, 'position-ahc-jurisdiction']) {
    const page = AuditPage.parse(
      await get(`/v1/audit/events?stream=${stream}&minPosition=${endorsed.position.commit}`, auditor),
    );
    seen.push(...page.events.map((e) => e.eventId));
  }
  t.same(
    [...seen].sort(),
    [...written].sort(),
    'the auditor sees every event written, and nothing else in those streams',
  );
});
