import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/server.js';

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
    token = (await first.tokens.create({ id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' })).token;
  } finally {
    await first.close();
  }
  await t.rejects(fetch(`${first.url}/healthz`), 'the API stopped listening on close');

  const second = await startLedger(config, logger);
  try {
    t.equal(second.seeded, undefined, 'a store that holds events is not seeded again');
    t.same(await second.tokens.verify(token), { id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' });
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
