// Replay equivalence: after any mix of commands (accepted or refused by the domain), the live read
// models, built event by event by the projector, equal a full rebuild from position 0 - now and at
// past points on both clocks.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { LedgerCommand, type LedgerCommandInput } from '../../contracts/commands.js';
import { AGENCY_CODES, type Principal } from '../../contracts/principal.js';
import { STANCES, AUTHORITIES } from '../../contracts/enums.js';
import { asOfFor } from '../../projections/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createReadSide } from '../../src/read/read-side.js';
import { createReadModels } from '../../src/read/read-models.js';
import { differences, replayAll } from '../../src/read/replay.js';
import { openTestStore } from '../helpers/esdb.js';

const admin: Principal = { id: 'prop-admin', agency: 'MFA', roles: ['admin'], clearance: 'top-secret' };
const bi = (en: string) => ({ th: `ไทย ${en}`, en });
const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const op = fc.oneof(
  fc.record({
    kind: fc.constant('draft' as const),
    issue: fc.nat(1),
    stance: fc.constantFrom(...STANCES),
    day: fc.nat(1500),
  }),
  fc.record({
    kind: fc.constant('endorse' as const),
    issue: fc.nat(1),
    version: fc.integer({ min: 1, max: 4 }),
    authority: fc.constantFrom(...AUTHORITIES),
    day: fc.nat(1500),
  }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    issue: fc.nat(1),
    version: fc.integer({ min: 1, max: 4 }),
    day: fc.nat(1500),
  }),
  fc.record({
    kind: fc.constant('view' as const),
    issue: fc.nat(1),
    agency: fc.constantFrom(...AGENCY_CODES.slice(0, 7)),
    stance: fc.constantFrom(...STANCES),
    day: fc.nat(1500),
  }),
  fc.record({ kind: fc.constant('retract' as const), pick: fc.nat(), day: fc.nat(1500) }),
);

t.test('live read models equal a full rebuild after a random mix of commands', async (t) => {
  const test = await openTestStore();
  const logger = pino({ level: 'silent' });
  const writeStore = createLedgerStore(test.client);
  const ledger = createLedger({ store: writeStore, logger });
  const readClient = EventStoreDBClient.connectionString(test.connectionString);
  const readStore = createLedgerStore(readClient);
  // As the server runs it: the index in a file under the data dir, with a cache so small that most
  // answers read the key back from the file.
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-equivalence-'));
  const read = createReadSide({ store: readStore, logger, dataDir, cachedEnvelopes: 8 });
  t.teardown(async () => {
    await read.stop();
    await readClient.dispose();
    await test.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await read.start();
  await read.projector.ready();

  const exec = async (command: LedgerCommandInput, occurredAt: string) => {
    try {
      return await ledger.execute(LedgerCommand.parse(command), {
        principal: admin,
        correlationId: randomUUID(),
        occurredAt,
      });
    } catch {
      return null; // refused by a rule: part of the mix
    }
  };

  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
      runs += 1;
      const tag = randomUUID().slice(0, 8);
      const processId = `prop-${tag}`;
      const issues = [`prop-${tag}-a`, `prop-${tag}-b`];
      const consultationId = randomUUID();
      await exec(
        { type: 'RegisterProcess', processId, kind: 'treaty-negotiation', title: bi('p'), forum: 'AHC' },
        `${day(0)}T00:00:00Z`,
      );
      for (const issueId of issues)
        await exec({ type: 'RegisterIssue', issueId, processId, code: 'P', title: bi(issueId) }, `${day(0)}T00:00:00Z`);
      await exec(
        {
          type: 'ConveneConsultation',
          consultationId,
          title: bi('c'),
          heldOn: day(1),
          convener: 'MFA',
          participants: [...AGENCY_CODES.slice(0, 7)],
          agenda: issues,
        },
        `${day(1)}T03:00:00Z`,
      );
      const written: Array<{ kind: 'position' | 'consultation'; id: string; eventId: string }> = [];
      let last = 0n;
      for (const o of ops) {
        const at = `${day(2 + o.day)}T05:00:00Z`;
        let result = null;
        let target: { kind: 'position' | 'consultation'; id: string } | null = null;
        if (o.kind === 'draft') {
          const issueId = issues[o.issue] ?? 'x';
          result = await exec(
            {
              type: 'DraftPosition',
              issueId,
              stance: o.stance,
              summary: bi(o.stance),
              redLines: { level: 'secret', value: [bi(`rl ${o.day}`)] },
            },
            at,
          );
          target = { kind: 'position', id: issueId };
        } else if (o.kind === 'endorse') {
          const issueId = issues[o.issue] ?? 'x';
          result = await exec(
            {
              type: 'EndorsePosition',
              issueId,
              version: o.version,
              authority: o.authority,
              decisionRef: `ref-${o.day}`,
              decidedOn: day(2 + o.day),
            },
            at,
          );
          target = { kind: 'position', id: issueId };
        } else if (o.kind === 'withdraw') {
          const issueId = issues[o.issue] ?? 'x';
          result = await exec(
            { type: 'WithdrawPosition', issueId, version: o.version, reason: bi('w'), effectiveFrom: day(2 + o.day) },
            at,
          );
          target = { kind: 'position', id: issueId };
        } else if (o.kind === 'view') {
          result = await exec(
            {
              type: 'RecordAgencyView',
              consultationId,
              issueId: issues[o.issue] ?? 'x',
              agency: o.agency,
              stance: o.stance,
              summary: bi('v'),
            },
            `${day(1)}T04:00:00Z`,
          );
          target = { kind: 'consultation', id: consultationId };
        } else if (written.length > 0) {
          const victim = written[o.pick % written.length];
          if (victim !== undefined) {
            result = await exec(
              {
                type: 'RetractEntry',
                stream: { kind: victim.kind, id: victim.id },
                targetEventId: victim.eventId,
                reason: bi('r'),
              },
              at,
            );
            target = { kind: victim.kind, id: victim.id };
          }
        }
        if (result !== null && target !== null) {
          for (const eventId of result.eventIds) written.push({ ...target, eventId });
          if (BigInt(result.position.commit) > last) last = BigInt(result.position.commit);
        }
      }
      if (last > 0n && !(await read.projector.waitFor(last, 10000))) return false;
      const reached = BigInt(read.projector.status().position?.commit ?? '0');
      const rebuilt = createReadModels((await replayAll(readStore, { upTo: reached })).index);
      const now = new Date().toISOString();
      for (const asOf of [
        asOfFor('valid', now),
        asOfFor('valid', `${day(400)}T00:00:00.000Z`),
        asOfFor('recorded', now),
        asOfFor('recorded', new Date(Date.now() - 2000).toISOString()),
      ]) {
        const diffs = differences(read.models.snapshotAll(asOf), rebuilt.snapshotAll(asOf));
        if (diffs.length > 0)
          throw new Error(`live and rebuilt differ at ${JSON.stringify(asOf)}: ${JSON.stringify(diffs.slice(0, 3))}`);
      }
      return true;
    }),
    { numRuns: 8, endOnFailure: true },
  );
  t.equal(runs >= 8, true, `${runs} runs`);
  t.ok(read.index.size > 8 * 4, `${read.index.size} events projected`);
});
