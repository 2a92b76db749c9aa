// What the ops tests share: an embedded store of their own on a data directory, a ledger on it with
// the demo data and more, and the check that two stores hold the same ledger: the same events (ids,
// revisions, types, data, metadata, record times) in the same order, every chain intact on both, and
// every read model equal on both clocks.
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import type { Test } from 'tap';
import { LedgerCommand, type LedgerCommandInput, type Principal } from '../../contracts/index.js';
import { asOfFor } from '../../projections/as-of.js';
import { createLedger, type ExecuteContext } from '../../src/application/ledger.js';
import { startEmbeddedStore } from '../../src/embedded/index.js';
import { createReadModels, type ReadModels } from '../../src/read/read-models.js';
import { compareReadModels, replayAll } from '../../src/read/replay.js';
import { seedDemo } from '../../src/seed/load.js';
import { createLedgerStore, type LedgerStore, type StoredEvent } from '../../src/store/adapter.js';
import { checkLink } from '../../src/store/chain.js';
import { isSystemName } from '../../src/store/streams.js';

export interface OwnStore {
  store: LedgerStore;
  /** The official client on it, for what the adapter does not do (writing a system stream). */
  client: EventStoreDBClient;
  connectionString: string;
  close(): Promise<void>;
}

export async function ownStore(dataDir: string): Promise<OwnStore> {
  const embedded = await startEmbeddedStore({ dataDir, port: 0 });
  const client = EventStoreDBClient.connectionString(embedded.connectionString);
  let closing: Promise<void> | undefined;
  return {
    store: createLedgerStore(client),
    client,
    connectionString: embedded.connectionString,
    close: () =>
      (closing ??= (async () => {
        await client.dispose();
        await embedded.close();
      })()),
  };
}

const text = (en: string) => ({ th: `ข้อความ ${en}`, en });
const command = (input: LedgerCommandInput) => LedgerCommand.parse(input);
const desk: Principal = {
  id: 'ops-mfa-desk',
  agency: 'MFA',
  roles: ['negotiator', 'approver'],
  clearance: 'top-secret',
};
const ctx = (extra: Partial<ExecuteContext> = {}): ExecuteContext => ({
  principal: desk,
  idempotencyKey: randomUUID(),
  correlationId: randomUUID(),
  ...extra,
});

/**
 * The demo data, then writes of every kind beyond it: an issue with classified red lines, drafted and
 * endorsed, a consultation with an outcome, a retraction, an entry logged after the fact, and a
 * checkpoint in `ledger-checkpoints`.
 */
export async function fillLedger(store: LedgerStore): Promise<void> {
  const ledger = createLedger({
    store,
    logger: pino({ level: 'silent' }),
    requestHashKey: createSecretKey(randomBytes(32)),
  });
  await seedDemo(ledger);
  const issueId = `ops-${randomUUID().slice(0, 8)}`;
  await ledger.execute(
    command({ type: 'RegisterIssue', issueId, processId: 'ahc', code: 'ART-99', title: text('Migration') }),
    ctx(),
  );
  const consultationId = randomUUID();
  await ledger.execute(
    command({
      type: 'ConveneConsultation',
      consultationId,
      title: text('Consultation'),
      heldOn: '2022-01-10',
      convener: 'MFA',
      participants: ['MFA', 'OAG'],
      agenda: [issueId],
    }),
    ctx(),
  );
  const view = await ledger.execute(
    command({
      type: 'RecordAgencyView',
      consultationId,
      issueId,
      agency: 'MFA',
      stance: 'support',
      summary: text('supports'),
    }),
    ctx(),
  );
  await ledger.execute(
    command({
      type: 'RecordConsultationOutcome',
      consultationId,
      issueId,
      outcome: 'consensus',
      recommendedStance: 'support',
      summary: text('agreed'),
      supporting: ['MFA'],
    }),
    ctx(),
  );
  for (let version = 1; version <= 3; version += 1) {
    await ledger.execute(
      command({
        type: 'DraftPosition',
        issueId,
        stance: 'support',
        summary: text(`draft ${version}`),
        redLines: { level: 'secret', value: [text(`red line ${version}`)] },
        basis: { consultationIds: [consultationId], eventIds: [] },
      }),
      ctx({ occurredAt: `2022-0${version}-15T03:00:00.000Z` }),
    );
    await ledger.execute(
      command({
        type: 'EndorsePosition',
        issueId,
        version,
        authority: 'mfa',
        decisionRef: `กต 0803/${version}`,
        decidedOn: `2022-0${version}-20`,
      }),
      ctx(),
    );
  }
  const viewId = view.eventIds[0];
  if (viewId !== undefined) {
    await ledger.execute(
      command({
        type: 'RetractEntry',
        stream: { kind: 'consultation', id: consultationId },
        targetEventId: viewId,
        reason: text('recorded in error'),
      }),
      ctx(),
    );
  }
  await store.append(
    'ledger-checkpoints',
    [
      {
        id: randomUUID(),
        type: 'CheckpointSigned',
        data: { note: 'position-ledger\n1\nAAAA\n\n— test signature\n' },
        metadata: {
          actor: { principalId: 'sealer', agency: 'MFA', role: 'admin' },
          correlationId: 'seal',
          causationId: 'seal',
          occurredAt: new Date().toISOString(),
          schema: 1,
        },
      },
    ],
    {
      expectedRevision: 'any',
    },
  );
}

/** Every event of a non-system stream, in log order. */
export async function ledgerEvents(store: LedgerStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const e of store.readAll({ prefixes: [''] })) if (!isSystemName(e.streamName)) events.push(e);
  return events;
}

const comparable = (e: StoredEvent) => ({
  stream: e.streamName,
  revision: e.revision,
  id: e.id,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt.toISOString(),
});

/** Each event's link onto the one before it in its stream, with the chain's own check (src/store/chain.ts). */
export function brokenLinks(events: readonly StoredEvent[]): string[] {
  const heads = new Map<string, string | null>();
  const broken: string[] = [];
  for (const e of events) {
    const link = checkLink(heads.get(e.streamName) ?? null, e.type, e.data, e.metadata);
    if (!link.ok) broken.push(`${e.streamName}@${e.revision}: ${link.reason}`);
    heads.set(e.streamName, typeof e.metadata['hash'] === 'string' ? e.metadata['hash'] : null);
  }
  return broken;
}

/** A value with every `position` (a log position, as a read model shows it) renamed through `map`. */
function renamePositions(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => renamePositions(v, map));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'position' && typeof v === 'string' ? (map.get(v) ?? `unknown ${v}`) : renamePositions(v, map),
    ]),
  );
}

/** Read models whose answers show the target's log positions for the source's (same events, same order). */
function renumbered(models: ReadModels, map: ReadonlyMap<string, string>): ReadModels {
  return new Proxy(models, {
    get(target, prop, receiver) {
      const member: unknown = Reflect.get(target, prop, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => renamePositions(Reflect.apply(member, target, args), map);
    },
  });
}

/**
 * The target holds the source's ledger: events, chains, read models. A store numbers its log itself,
 * so the target's positions are its own: the read models are compared with each source position
 * renamed to the target's position of the same event, a renaming that must keep the log's order.
 */
export async function assertSameLedger(t: Test, source: LedgerStore, target: LedgerStore): Promise<void> {
  const from = await ledgerEvents(source);
  const to = await ledgerEvents(target);
  t.ok(from.length > 300, `the source holds the demo data and more (${from.length} events)`);
  t.same(
    to.map(comparable),
    from.map(comparable),
    'the same events in the same order: ids, revisions, types, data, metadata, record times',
  );
  t.same(
    to.map((e) => [e.metadata['prev'], e.metadata['hash']]),
    from.map((e) => [e.metadata['prev'], e.metadata['hash']]),
    'every event has the chain fields it had',
  );
  t.same(brokenLinks(from), [], 'every chain of the source is intact');
  t.same(brokenLinks(to), [], 'every chain of the target is intact');

  const positions = new Map(
    from.map((e, i) => [e.position.commit.toString(), to[i]?.position.commit.toString() ?? 'missing']),
  );
  const renamed = to.map((e) => e.position.commit);
  t.ok(
    renamed.every((p, i) => i === 0 || (renamed[i - 1] ?? p) <= p),
    'the target keeps the log order',
  );

  const [a, b] = await Promise.all([replayAll(source), replayAll(target)]);
  t.equal(b.events, a.events, 'the read side takes the same number of events from both');
  t.equal(b.rejected, a.rejected);
  const left = { index: a.index, models: renumbered(createReadModels(a.index), positions) };
  const right = { index: b.index, models: createReadModels(b.index) };
  const recorded = from.map((e) => e.recordedAt.toISOString()).sort();
  const midway = recorded[Math.floor(recorded.length / 2)] ?? new Date().toISOString();
  for (const asOf of [
    asOfFor('valid', new Date().toISOString()),
    asOfFor('valid', '2022-02-01T00:00:00.000Z'),
    asOfFor('recorded', midway),
    asOfFor('recorded', new Date().toISOString()),
  ]) {
    t.same(
      await compareReadModels(left, right, asOf),
      [],
      `every read model is equal as of ${asOf.validAt}${asOf.knownAt === null ? '' : ' (recorded)'}`,
    );
  }
}
