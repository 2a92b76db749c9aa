// The running ledger keeps a Merkle log of every ledger event, signs checkpoints into the
// ledger-checkpoints stream, and serves them and their proofs to auditors (ADR 0034).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import {
  CHECKPOINT_STREAM,
  eventLeafHash,
  isLeafEvent,
  leafRecordOf,
  memoryMerkleTree,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '../../src/integrity/index.js';
import { startLedger } from '../../src/boot/server.js';
import { readerOf } from '../drills/helpers/client.js';
import { eventually } from '../drills/helpers/processes.js';

const b = (s: string): Buffer => Buffer.from(s, 'base64');

t.test('with demo data, an auditor gets a signed checkpoint and proofs that verify with the served key', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-log-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', CHECKPOINT_EVERY_EVENTS: '50' });
  const ledger = await startLedger(config, pino({ level: 'silent' }));
  t.teardown(() => ledger.close());
  const auditor = (
    await ledger.tokens.create({ id: 'oag-auditor', agency: 'OAG', roles: ['auditor'], clearance: 'top-secret' })
  ).token;
  const negotiator = (
    await ledger.tokens.create({ id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' })
  ).token;
  const get = async (url: string, token = auditor) => {
    const res = await fetch(`${ledger.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  const latest = await eventually('a checkpoint is signed', async () => {
    const r = await get('/v1/audit/checkpoints/latest');
    return r.status === 200 ? r.body['checkpoint'] : undefined;
  });
  const log = (await get('/v1/audit/log')).body['log'];
  t.match(log, { origin: 'position-ledger', integrity: { ok: true }, breaks: [] });
  const verifier = parseVerifierKey(log.verifierKey);
  const opened = openCheckpoint(latest.note, [verifier], 'position-ledger');
  t.ok(opened.ok, 'the note opens with the served key');
  if (!opened.ok) return;
  t.equal(opened.checkpoint.rootHash.toString('base64'), latest.rootHash);
  t.equal(
    (await stat(path.join(dataDir, 'checkpoint-signing.key'))).mode & 0o777,
    0o600,
    'the generated key file is 0600',
  );
  t.equal((await stat(path.join(dataDir, 'merkle.sqlite'))).mode & 0o777, 0o600, 'the log file is 0600');

  // The checkpoint covers the first treeSize ledger events in $all order, the last one at its position.
  const reader = readerOf(ledger.storeConnection);
  t.teardown(() => reader.close());
  const stored = await reader.ledgerEvents();
  const leaves = stored.filter(isLeafEvent);
  const size = latest.treeSize as number;
  const tree = memoryMerkleTree();
  tree.append(leaves.slice(0, size).map((e) => eventLeafHash(leafRecordOf(e))));
  t.ok(tree.root().equals(opened.checkpoint.rootHash), 'the root recomputed from the store is the signed one');
  t.same(opened.checkpoint.lastPosition, leaves[size - 1]?.position, 'the position line is the last covered leaf');
  const everything = [];
  for await (const e of reader.store.readAll()) everything.push(e);
  t.ok(
    everything.some((e) => e.streamName === CHECKPOINT_STREAM),
    'the checkpoint is stored in its stream',
  );
  const res = await get(`/v1/audit/events?limit=1000`);
  t.equal(res.status, 200);
  t.match(
    res.body['source'],
    { events: /read index/, checkedAgainst: /Merkle log/ },
    'the raw events say where they come from',
  );
  const shown = res.body['events'] as Array<{
    streamName: string;
    leaf?: { index: number | null; matchesLog: boolean };
  }>;
  const ledgerShown = shown.filter((e) => isLeafEvent({ streamName: e.streamName, type: 'x' }));
  t.ok(ledgerShown.length > 50);
  t.ok(
    ledgerShown.every((e) => e.leaf?.matchesLog === true),
    'each raw event shown is the one the Merkle log holds',
  );
  const redactedFor = (
    await ledger.tokens.create({ id: 'oag-low', agency: 'OAG', roles: ['auditor'], clearance: 'unclassified' })
  ).token;
  const low = (await get(`/v1/audit/events?limit=1000`, redactedFor)).body['events'] as Array<{
    streamName: string;
    type?: string;
    leaf?: { matchesLog: boolean };
  }>;
  t.ok(
    low
      .filter((e) => e.type !== undefined && isLeafEvent({ streamName: e.streamName, type: 'x' }))
      .every((e) => e.leaf?.matchesLog === true),
    'also redacted for an auditor below the values level',
  );

  t.ok(size > 50, `the demo data gives ${size} leaves`);
  const events = (res.body['events'] as Array<{ eventId: string; streamName: string }>).filter((e) =>
    isLeafEvent({ streamName: e.streamName, type: 'x' }),
  );
  const some = events[Math.floor(size / 3)];
  if (some === undefined) throw new Error('no event');
  const inclusion = await get(`/v1/audit/proofs/inclusion?eventId=${some.eventId}&treeSize=${size}`);
  t.equal(inclusion.status, 200);
  const p = inclusion.body['proof'];
  t.equal(p.rootHash, latest.rootHash, 'the proof is against the checkpoint root');
  t.ok(
    verifyInclusion(b(p.leafHash), p.leafIndex, size, p.hashes.map(b), opened.checkpoint.rootHash).ok,
    'the inclusion proof verifies',
  );

  const consistency = await get(`/v1/audit/proofs/consistency?from=7&to=${size}`);
  t.equal(consistency.status, 200);
  const c = consistency.body['proof'];
  t.ok(
    verifyConsistency(7, size, c.hashes.map(b), b(c.fromRoot), opened.checkpoint.rootHash).ok,
    'the consistency proof verifies',
  );

  t.match((await get(`/v1/audit/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000`)).body, {
    code: 'event_not_in_log',
    status: 404,
  });
  t.match((await get(`/v1/audit/proofs/consistency?from=1&to=${size + 100000}`)).body, {
    code: 'tree_size_beyond_log',
    status: 400,
  });
  t.match((await get(`/v1/audit/checkpoints/${size + 100000}`)).body, { code: 'checkpoint_not_found', status: 404 });
  t.match((await get(`/v1/audit/checkpoints/${size}`)).body, { checkpoint: { treeSize: size, note: latest.note } });
  t.match((await get('/v1/audit/checkpoints/latest', negotiator)).body, { code: 'role_not_allowed' });

  const ready = await fetch(`${ledger.url}/readyz`);
  t.match(await ready.json(), { checks: { integrity: { ok: true } } });
});

t.test(
  "a copy in the read index edited behind the server's back is shown as not what the Merkle log holds",
  async (t) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-log-copy-'));
    t.teardown(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    const first = await startLedger(config, pino({ level: 'silent' }));
    const auditor = (
      await first.tokens.create({ id: 'oag-auditor', agency: 'OAG', roles: ['auditor'], clearance: 'top-secret' })
    ).token;
    await eventually('the log holds the demo data', async () => {
      const res = await fetch(`${first.url}/v1/audit/checkpoints/latest`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      return res.status === 200 ? true : undefined;
    });
    await first.close();

    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'read-models.sqlite'));
    const row = db
      .prepare(`SELECT seq, event_id AS eventId, body FROM envelopes WHERE body LIKE '%"en":"%' ORDER BY seq LIMIT 1`)
      .get() as { seq: number; eventId: string; body: string };
    db.prepare('UPDATE envelopes SET body = ? WHERE seq = ?').run(
      row.body.replace('"en":"', '"en":"Quietly changed: '),
      row.seq,
    );
    db.close();

    const second = await startLedger({ ...config, seedDemo: false }, pino({ level: 'silent' }));
    t.teardown(() => second.close());
    // The read side catches up after the start (with the checks, in their own thread): reads wait for it.
    await eventually('the restarted ledger is ready', async () =>
      (await fetch(`${second.url}/readyz`)).status === 200 ? true : undefined,
    );
    const res = await fetch(`${second.url}/v1/audit/events?limit=1000`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    t.equal(res.status, 200);
    const events = ((await res.json()) as { events: Array<{ eventId: string; leaf?: { matchesLog: boolean } }> })
      .events;
    const edited = events.find((e) => e.eventId === row.eventId);
    t.match(edited, { leaf: { matchesLog: false } }, 'the edited copy is flagged');
    t.ok(
      events.filter((e) => e.eventId !== row.eventId && e.leaf !== undefined).every((e) => e.leaf?.matchesLog === true),
      'the others match',
    );
  },
);
