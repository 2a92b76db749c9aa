import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { loadRequestHashKey } from '../../src/auth/request-hash-key.js';
import { createLedger } from '../../src/application/ledger.js';
import { demoSeed, loadSeed } from '../../src/seed/demo.js';
import { openStore } from '../../src/boot/open-store.js';
import { z } from 'zod';
import { bodies } from '../http/helpers/writes.js';

const WriteAnswer = z.object({ position: z.object({ commit: z.string() }) });

const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-serve-'));
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
const logger = pino({ level: 'silent' });

async function waitReady(url: string): Promise<number> {
  let status = 0;
  for (let i = 0; i < 100; i++) {
    status = (await fetch(`${url}/readyz`)).status;
    if (status === 200) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}

t.test('starts on an empty data directory, loads the demo data and serves; a restart keeps everything', async (t) => {
  const first = await startLedger(config, logger);
  let token: string;
  try {
    t.ok(first.embeddedStore, 'without ESDB_URL the embedded store runs');
    t.ok(first.seeded !== undefined && first.seeded.appended > 0, 'the demo data was loaded');
    t.equal((await fetch(`${first.url}/healthz`)).status, 200);
    t.equal(await waitReady(first.url), 200, 'ready once the store answers and the read side caught up');
    token = (await first.tokens.create({ id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' }))
      .token;
  } finally {
    await first.close();
  }
  await t.rejects(fetch(`${first.url}/healthz`), 'the API stopped listening on close');

  const second = await startLedger(config, logger);
  try {
    t.equal(second.seeded, undefined, 'a store that holds events is not seeded again');
    t.same(await second.tokens.verify(token), {
      id: 'mfa-desk',
      agency: 'MFA',
      roles: ['negotiator'],
      clearance: 'secret',
    });
    t.equal(await waitReady(second.url), 200);
  } finally {
    await second.close();
  }
});

t.test('does not start when the configured port is taken, and leaves nothing running', async (t) => {
  const fresh = async () => mkdtemp(path.join(tmpdir(), 'ledger-serve-'));
  const running = await startLedger({ ...config, dataDir: await fresh(), seedDemo: false }, logger);
  try {
    const port = Number(new URL(running.url).port);
    await t.rejects(startLedger({ ...config, dataDir: await fresh(), port, seedDemo: false }, logger), {
      code: 'EADDRINUSE',
    });
  } finally {
    await running.close();
  }
});

t.test('every Location a write answers with can be read back with the same token', async (t) => {
  const running = await startLedger(
    { ...config, dataDir: await mkdtemp(path.join(tmpdir(), 'ledger-serve-')), seedDemo: false },
    logger,
  );
  t.teardown(() => running.close());
  t.equal(await waitReady(running.url), 200);
  const { token } = await running.tokens.create({
    id: 'mfa-desk',
    agency: 'MFA',
    roles: ['negotiator'],
    clearance: 'secret',
  });
  let n = 0;
  const post = async (url: string, body: unknown) => {
    n += 1;
    const res = await fetch(`${running.url}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `location-${n}`,
      },
      body: JSON.stringify(body),
    });
    t.equal(res.status, 201, `${url}: ${await res.clone().text()}`);
    const { position } = WriteAnswer.parse(await res.json());
    return { location: res.headers.get('location'), commit: position.commit };
  };
  const process = await post('/v1/processes', bodies.process('ahc'));
  t.equal(process.location, null, 'no read route serves a process: no Location');
  const written = [
    await post('/v1/issues', bodies.issue('ahc-scope', 'ahc')),
    await post('/v1/sessions', bodies.session('ahc-1', 'ahc')),
    await post('/v1/consultations', bodies.consultation('MFA', 'ahc-scope')),
    await post('/v1/issues/ahc-scope/position/drafts', bodies.draft()),
  ];
  for (const { location, commit } of written) {
    t.type(location, 'string');
    const read = await fetch(`${running.url}${location}?minPosition=${commit}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    t.equal(read.status, 200, `GET ${location} answers 200`);
  }
});

t.test('a first start interrupted while loading the demo data finishes loading it at the next start', async (t) => {
  const interrupted = loadConfig({
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ledger-serve-')),
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  // What a first start had done when it was killed: the first steps of the demo, not the rest.
  const opened = await openStore(interrupted, logger);
  const steps = demoSeed();
  try {
    // A first start writes with the data directory's request-hash key, as every later start does.
    const requestHashKey = await loadRequestHashKey(interrupted.requestHashKey);
    const partial = await loadSeed(
      steps.slice(0, 12),
      createLedger({ store: opened.store, logger, requestHashKey }).execute,
    );
    t.equal(partial.appended, 12);
  } finally {
    await opened.close();
  }

  const second = await startLedger(interrupted, logger);
  try {
    t.ok(second.seeded !== undefined, 'the next start loads the demo again');
    t.equal(second.seeded?.replayed, 12, 'the steps already there are not appended twice');
    t.equal((second.seeded?.appended ?? 0) + 12, steps.length, 'and the rest is');
  } finally {
    await second.close();
  }
  const third = await startLedger(interrupted, logger);
  try {
    t.equal(third.seeded, undefined, 'once complete, the demo is not loaded again');
  } finally {
    await third.close();
  }
});

t.test('a store holding other data than the demo is not given the demo', async (t) => {
  const ownData = loadConfig({
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ledger-serve-')),
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const opened = await openStore(ownData, logger);
  try {
    const mfa = {
      id: 'mfa-desk',
      agency: 'MFA' as const,
      roles: ['negotiator' as const],
      clearance: 'secret' as const,
    };
    await createLedger({ store: opened.store, logger }).execute(
      {
        type: 'RegisterProcess',
        processId: 'own',
        kind: 'treaty-negotiation',
        title: { th: 'ก', en: 'Own' },
        forum: 'UN',
        mandate: [],
        leadAgency: 'MFA',
      },
      { principal: mfa, correlationId: 'own-1', idempotencyKey: 'own-1' },
    );
  } finally {
    await opened.close();
  }
  const running = await startLedger(ownData, logger);
  t.teardown(() => running.close());
  t.equal(running.seeded, undefined);
});
